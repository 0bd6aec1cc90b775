package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Which monthly partitions retention may drop, decided without a server. */
class ClickHouseRetentionTest {
    private static final LocalDate TODAY = LocalDate.of(2025, 3, 15);

    @Test
    void aMonthExpiresOnlyWhenItsLastDayIsOlderThanTheRetention() {
        // 400 days before 2025-03-15 is 2024-02-09: January 2024 is gone, February 2024 stays.
        assertThat(ClickHouseRetention.isExpired("202401", TODAY, 400)).isTrue();
        assertThat(ClickHouseRetention.isExpired("202402", TODAY, 400)).isFalse();
        assertThat(ClickHouseRetention.isExpired("202503", TODAY, 400)).isFalse();
    }

    @Test
    void theBoundaryDayItselfIsKept() {
        // firstKeptDay = 2025-02-28 with 15 days: February ends on it, so it is kept.
        assertThat(ClickHouseRetention.isExpired("202502", TODAY, 15)).isFalse();
        assertThat(ClickHouseRetention.isExpired("202502", TODAY, 14)).isTrue();
    }

    @Test
    void refusesPartitionsThatAreNotMonths() {
        assertThatThrownBy(() -> ClickHouseRetention.isExpired("tuple()", TODAY, 400))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a toYYYYMM month");
    }
}
