package io.ringstream.analytics.wallboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The wallboard colours: field defaults, per-queue overrides, and their validation. */
class QueueThresholdsTest {
    private final QueueThresholds defaults = QueueThresholds.DEFAULTS;

    @Test
    void oldestWaitTurnsAmberAt60SecondsAndRedAt120() {
        assertThat(defaults.oldestWait(59_999L)).isEqualTo(TileLevel.GREEN);
        assertThat(defaults.oldestWait(60_000L)).isEqualTo(TileLevel.AMBER);
        assertThat(defaults.oldestWait(119_999L)).isEqualTo(TileLevel.AMBER);
        assertThat(defaults.oldestWait(120_000L)).isEqualTo(TileLevel.RED);
        assertThat(defaults.oldestWait(null)).isEqualTo(TileLevel.NONE);
    }

    @Test
    void serviceLevelIsRedAtOrBelow90PercentOfTargetAndAmberAtOrBelow95() {
        // Target 80%: red <= 72%, amber <= 76%.
        assertThat(defaults.serviceLevel(0.72, 0.80)).isEqualTo(TileLevel.RED);
        assertThat(defaults.serviceLevel(0.7201, 0.80)).isEqualTo(TileLevel.AMBER);
        assertThat(defaults.serviceLevel(0.76, 0.80)).isEqualTo(TileLevel.AMBER);
        assertThat(defaults.serviceLevel(0.7601, 0.80)).isEqualTo(TileLevel.GREEN);
        assertThat(defaults.serviceLevel(null, 0.80)).isEqualTo(TileLevel.NONE);
        assertThat(defaults.serviceLevel(0.5, null)).isEqualTo(TileLevel.NONE);
    }

    @Test
    void abandonRateIsAmberAt5PercentAndRedAt10() {
        assertThat(defaults.abandonRate(0.049)).isEqualTo(TileLevel.GREEN);
        assertThat(defaults.abandonRate(0.05)).isEqualTo(TileLevel.AMBER);
        assertThat(defaults.abandonRate(0.10)).isEqualTo(TileLevel.RED);
        assertThat(defaults.abandonRate(null)).isEqualTo(TileLevel.NONE);
    }

    @Test
    void waitingHasNoDefaultThresholdSoItStaysUncoloured() {
        assertThat(defaults.waiting(500L)).isEqualTo(TileLevel.NONE);
        QueueThresholds sales =
                new QueueThresholds(null, 30L, null, null, null, null, 5L, 10L).over(defaults);
        assertThat(sales.waiting(4L)).isEqualTo(TileLevel.GREEN);
        assertThat(sales.waiting(5L)).isEqualTo(TileLevel.AMBER);
        assertThat(sales.waiting(10L)).isEqualTo(TileLevel.RED);
    }

    @Test
    void anOverrideKeepsTheDefaultsItDoesNotSet() {
        QueueThresholds sales =
                new QueueThresholds(20L, 30L, null, null, null, 0.2, null, null).over(defaults);

        assertThat(sales)
                .isEqualTo(new QueueThresholds(20L, 30L, 0.95, 0.90, 0.05, 0.2, null, null));
        assertThat(sales.oldestWait(30_000L)).isEqualTo(TileLevel.RED);
        assertThat(QueueThresholds.NONE.over(defaults)).isEqualTo(defaults);
    }

    @Test
    void theDefaultsAreValid() {
        assertThat(defaults.problems()).isEmpty();
    }

    @Test
    void redMilderThanAmberIsRefusedWithEveryProblemNamed() {
        QueueThresholds wrong = new QueueThresholds(120L, 60L, 0.90, 0.95, 0.2, 0.1, 10L, 5L);

        assertThat(wrong.problems())
                .containsExactlyInAnyOrder(
                        "oldest-wait-red (60) must be >= oldest-wait-amber (120)",
                        "waiting-red (5) must be >= waiting-amber (10)",
                        "abandon-rate-red (0.1) must be >= abandon-rate-amber (0.2)",
                        "service-level-red-of-target (0.95) must be <="
                                + " service-level-amber-of-target (0.9)");
        assertThatThrownBy(() -> wrong.validated("queue sales"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue sales");
    }

    @Test
    void negativeValuesAndSharesAbove1AreRefused() {
        QueueThresholds wrong = new QueueThresholds(-1L, null, 1.5, null, -0.1, null, null, null);

        assertThat(wrong.problems()).hasSize(3);
    }

    @Property
    void aWorseFigureIsNeverAMilderLevel(
            @ForAll @LongRange(min = 0, max = 1_000_000) long wait,
            @ForAll @LongRange(min = 0, max = 1_000_000) long more,
            @ForAll @DoubleRange(min = 0, max = 1) double serviceLevel,
            @ForAll @DoubleRange(min = 0, max = 1) double less) {
        assertThat(defaults.oldestWait(wait + more).ordinal())
                .isGreaterThanOrEqualTo(defaults.oldestWait(wait).ordinal());
        double lower = serviceLevel * less;
        assertThat(defaults.serviceLevel(lower, 0.8).ordinal())
                .isGreaterThanOrEqualTo(defaults.serviceLevel(serviceLevel, 0.8).ordinal());
    }
}
