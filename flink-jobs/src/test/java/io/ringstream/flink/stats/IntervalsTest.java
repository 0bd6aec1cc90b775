package io.ringstream.flink.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Interval boundaries, which every row key and query depends on. */
class IntervalsTest {

    @Test
    void intervalsAreAlignedToUtcClockTimes() {
        Intervals fifteen = new Intervals(15);
        long t = Instant.parse("2024-03-01T10:29:59.999Z").toEpochMilli();

        assertThat(Instant.ofEpochMilli(fifteen.startOf(t)))
                .isEqualTo(Instant.parse("2024-03-01T10:15:00Z"));
        assertThat(Instant.ofEpochMilli(fifteen.endOf(fifteen.startOf(t))))
                .isEqualTo(Instant.parse("2024-03-01T10:30:00Z"));
        assertThat(fifteen.startOf(Instant.parse("2024-03-01T10:30:00Z").toEpochMilli()))
                .isEqualTo(Instant.parse("2024-03-01T10:30:00Z").toEpochMilli());
    }

    @Test
    void lengthMustDivideADay() {
        assertThat(new Intervals(30).millis()).isEqualTo(1_800_000);
        assertThatThrownBy(() -> new Intervals(7)).hasMessageContaining("1440");
        assertThatThrownBy(() -> new Intervals(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
