package io.ringstream.flink.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Folding deltas into an interval row and the version that orders re-emitted rows. */
class IntervalStatsTest {

    @Test
    void foldsDeltasAndCountsThemAsTheVersion() {
        IntervalStats stats = IntervalStats.empty("t", "sales", 900_000);
        stats.add(new QueueDelta("t", "sales", 900_000, 1, 0, 0, 0, 0, 0));
        stats.add(new QueueDelta("t", "sales", 900_000, 0, 1, 0, 1, 7_000, 0));
        stats.add(new QueueDelta("t", "sales", 900_000, 0, 0, 0, 0, 0, 50_000));

        QueueIntervalStats row = stats.toRow(15, 20, 123L);

        assertThat(row)
                .isEqualTo(
                        new QueueIntervalStats(
                                "t", "sales", 900_000, 15, 1, 1, 0, 1, 20, 7_000, 50_000, 3, 123L));
        assertThat(row.waiting()).isZero();
    }

    @Test
    void rejectsADeltaOfAnotherRow() {
        IntervalStats stats = IntervalStats.empty("t", "sales", 900_000);
        assertThatThrownBy(() -> stats.add(new QueueDelta("t", "sales", 0, 1, 0, 0, 0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t/sales@0");
    }
}
