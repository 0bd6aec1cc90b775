package io.ringstream.routing.wallboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.ringstream.analytics.wallboard.QueueThresholds;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wallboard's thresholds bind from {@code ringstream.wallboard.defaults.*} and {@code
 * ringstream.wallboard.queues.<queue>.*}, as properties and as environment variables. The
 * environment is a property source with Micronaut's environment-variable convention (what {@code
 * System.getenv()} becomes), so the test does not depend on the developer's shell.
 */
class ThresholdSettingsBindingTest {

    private static ApplicationContext context(
            Map<String, Object> properties, Map<String, Object> environment) {
        return ApplicationContext.builder()
                .environmentPropertySource(false)
                .propertySources(
                        PropertySource.of(
                                "test-environment",
                                environment,
                                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .properties(properties)
                .start();
    }

    @Test
    void nothingSetGivesTheDefaultsOnly() {
        try (ApplicationContext context = context(Map.of(), Map.of())) {
            assertThat(context.getBean(WallboardThresholds.class).map())
                    .containsExactly(Map.entry("*", QueueThresholds.DEFAULTS));
        }
    }

    @Test
    void propertiesSetTheDefaultsAndEachQueue() {
        try (ApplicationContext context =
                context(
                        Map.of(
                                "ringstream.wallboard.defaults.oldest-wait-red-seconds", 90,
                                "ringstream.wallboard.defaults.waiting-red", 10,
                                "ringstream.wallboard.queues.sales.oldest-wait-amber-seconds", 20,
                                "ringstream.wallboard.queues.sales.oldest-wait-red-seconds", 30,
                                "ringstream.wallboard.queues.front-desk.abandon-rate-red", 0.2),
                        Map.of())) {
            Map<String, QueueThresholds> map = context.getBean(WallboardThresholds.class).map();

            assertThat(map).containsOnlyKeys("*", "sales", "front-desk");
            assertThat(map.get("*").oldestWaitRedSeconds()).isEqualTo(90);
            assertThat(map.get("*").waitingRed()).isEqualTo(10);
            assertThat(map.get("*").oldestWaitAmberSeconds()).isEqualTo(60);
            QueueThresholds sales = map.get("sales");
            assertThat(sales.oldestWaitAmberSeconds()).isEqualTo(20);
            assertThat(sales.oldestWaitRedSeconds()).isEqualTo(30);
            // Unset fields come from the configured defaults, not the built-in ones.
            assertThat(sales.waitingRed()).isEqualTo(10);
            assertThat(sales.abandonRateRed()).isEqualTo(0.10);
            assertThat(map.get("front-desk").abandonRateRed()).isEqualTo(0.2);
            assertThat(map.get("front-desk").oldestWaitRedSeconds()).isEqualTo(90);
        }
    }

    @Test
    void environmentVariablesSetTheDefaultsAndEachQueue() {
        try (ApplicationContext context =
                context(
                        Map.of(),
                        Map.of(
                                "RINGSTREAM_WALLBOARD_DEFAULTS_OLDEST_WAIT_RED_SECONDS", "90",
                                "RINGSTREAM_WALLBOARD_QUEUES_SALES_OLDEST_WAIT_AMBER_SECONDS", "20",
                                "RINGSTREAM_WALLBOARD_QUEUES_SALES_OLDEST_WAIT_RED_SECONDS", "30",
                                "RINGSTREAM_WALLBOARD_QUEUES_SALES_ABANDON_RATE_RED", "0.2"))) {
            Map<String, QueueThresholds> map = context.getBean(WallboardThresholds.class).map();

            assertThat(map).containsOnlyKeys("*", "sales");
            assertThat(map.get("*").oldestWaitRedSeconds()).isEqualTo(90);
            QueueThresholds sales = map.get("sales");
            assertThat(sales.oldestWaitAmberSeconds()).isEqualTo(20);
            assertThat(sales.oldestWaitRedSeconds()).isEqualTo(30);
            assertThat(sales.abandonRateRed()).isEqualTo(0.2);
        }
    }

    @Test
    void anEnvironmentVariableCannotNameAQueueWithADashSoStartRefusesWhatItWouldMisread() {
        // FRONT_DESK_OLDEST_... could be queue "front-desk" or queue "front" with a property
        // "desk-oldest-..."; Micronaut takes the first word as the queue and drops the rest, so
        // "front" would get no threshold at all. Start refuses it instead of ignoring it.
        assertThatThrownBy(
                        () ->
                                context(
                                                Map.of(),
                                                Map.of(
                                                        "RINGSTREAM_WALLBOARD_QUEUES_FRONT_DESK_OLDEST_WAIT_RED_SECONDS",
                                                        "30"))
                                        .getBean(WallboardThresholds.class))
                .hasStackTraceContaining("queue front sets no threshold");
    }
}
