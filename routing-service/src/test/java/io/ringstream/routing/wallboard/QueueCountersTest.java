package io.ringstream.routing.wallboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * A queue's summed counters become its tile figures: ratios from the sums, short abandons out of
 * every service level, each convention as docs/kpis.md defines it, null for a zero denominator.
 */
class QueueCountersTest {

    private static QueueCounters counters(String convention) {
        // 20 offered: 14 answered (10 within T), 5 abandoned (2 short, 1 within T), 1 still
        // waiting.
        return new QueueCounters(
                "sales",
                20,
                14,
                5,
                2,
                10,
                1,
                140_000,
                12,
                1_200_000,
                120_000,
                240_000,
                convention,
                0.8,
                20L,
                6L,
                5.5);
    }

    @Test
    void eachServiceLevelConvention() {
        assertThat(counters("answered-only").serviceLevel()).isCloseTo(10 / 14.0, within(1e-12));
        assertThat(counters("abandons-count-against").serviceLevel())
                .isCloseTo(10 / (14.0 + 5 - 2), within(1e-12));
        assertThat(counters("left-queue").serviceLevel())
                .isCloseTo((10 + 1) / (14.0 + 5 - 2), within(1e-12));
    }

    @Test
    void theTileFigures() {
        KpiFigures.QueueToday today = counters("answered-only").today();

        assertThat(today.offered()).isEqualTo(20);
        assertThat(today.answered()).isEqualTo(14);
        assertThat(today.abandoned()).isEqualTo(5);
        assertThat(today.abandonRate()).isEqualTo(5 / 20.0);
        // ASA: total wait ÷ answered = 140 s ÷ 14.
        assertThat(today.asaSeconds()).isEqualTo(10.0);
        // AHT: (talk + hold + wrap-up) ÷ handled = (1200 + 120 + 240) s ÷ 12.
        assertThat(today.ahtSeconds()).isEqualTo(130.0);
        assertThat(today.slTargetShare()).isEqualTo(0.8);
        assertThat(today.slThresholdSeconds()).isEqualTo(20);
        assertThat(today.agentsRequired()).isEqualTo(6);
        assertThat(today.agentsStaffed()).isEqualTo(5.5);
    }

    @Test
    void nothingToDivideByGivesNull() {
        KpiFigures.QueueToday idle =
                new QueueCounters(
                                "q",
                                0,
                                0,
                                0,
                                0,
                                0,
                                0,
                                0,
                                0,
                                0,
                                0,
                                0,
                                "abandons-count-against",
                                null,
                                null,
                                null,
                                null)
                        .today();
        assertThat(idle.abandonRate()).isNull();
        assertThat(idle.serviceLevel()).isNull();
        assertThat(idle.asaSeconds()).isNull();
        assertThat(idle.ahtSeconds()).isNull();

        // Only short abandons: no service level under the conventions that count abandons.
        QueueCounters shortOnly =
                new QueueCounters(
                        "q", 2, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, "left-queue", null, null, null, null);
        assertThat(shortOnly.serviceLevel()).isNull();
        assertThat(shortOnly.today().abandonRate()).isEqualTo(1.0);
    }
}
