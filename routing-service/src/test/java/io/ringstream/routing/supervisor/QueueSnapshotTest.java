package io.ringstream.routing.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A queue's wallboard figures derive from the stored counters one way for every consumer. */
class QueueSnapshotTest {

    @Test
    void derivesServiceLevelAndAsaFromCountersAndTakesWaitingAsStored() {
        QueueSnapshot s = QueueSnapshot.from(new QueueTotals("sales", 10, 6, 1, 3, 45_000, 2));

        assertThat(s.queue()).isEqualTo("sales");
        assertThat(s.offered()).isEqualTo(10);
        assertThat(s.answered()).isEqualTo(6);
        assertThat(s.abandoned()).isEqualTo(1);
        assertThat(s.waiting()).isEqualTo(2);
        assertThat(s.serviceLevel()).isCloseTo(0.5, within(1e-9));
        assertThat(s.asaSeconds()).isCloseTo(7.5, within(1e-9));
    }

    @Test
    void serviceLevelIgnoresAbandonsUnderTheAnsweredOnlyConvention() {
        QueueSnapshot s = QueueSnapshot.from(new QueueTotals("q", 8, 4, 4, 4, 0, 0));

        assertThat(s.serviceLevel()).isEqualTo(1.0);
        assertThat(s.asaSeconds()).isEqualTo(0.0);
        assertThat(QueueSnapshot.SERVICE_LEVEL_CONVENTION).isEqualTo("answered-only");
    }

    @Test
    void nothingAnsweredLeavesServiceLevelAndAsaUnknown() {
        QueueSnapshot s = QueueSnapshot.from(new QueueTotals("q", 3, 0, 1, 0, 0, 2));

        assertThat(s.waiting()).isEqualTo(2);
        assertThat(s.serviceLevel()).isNull();
        assertThat(s.asaSeconds()).isNull();
    }
}
