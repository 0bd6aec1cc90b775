package io.ringstream.routing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.DependencyInjectionException;
import io.ringstream.clickhouse.ClickHouseCredentials;
import io.ringstream.routing.kafka.RoutingFeeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's typed settings: each default binds when nothing is set, properties override them,
 * and the documented environment variables reach their properties. Contexts here see no real
 * environment variables, so a developer's shell cannot change what they bind.
 */
class RoutingPropertiesTest {

    private static ApplicationContext context(
            Map<String, Object> properties, Map<String, String> environment) {
        return ApplicationContext.builder()
                .environmentPropertySource(false)
                .propertySources(EnvironmentAliases.propertySource(environment))
                .properties(properties)
                .start();
    }

    @Test
    void everyDefaultBindsWhenNothingIsSet() {
        try (ApplicationContext context = context(Map.of(), Map.of())) {
            RoutingProperties routing = context.getBean(RoutingProperties.class);

            assertThat(routing.getRouteWait()).isEqualTo(Duration.ofSeconds(2));
            assertThat(routing.getRetryAfter()).isEqualTo(Duration.ofSeconds(5));
            assertThat(routing.getFeedLookback()).isEqualTo(Duration.ofMinutes(15));
            assertThat(routing.getCallerIdentificationTimeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(routing.getCustomerCardTimeout()).isEqualTo(Duration.ofSeconds(1));
            assertThat(routing.getRecentAlerts()).isEqualTo(100);
            assertThat(context.getBean(ClickHouseProperties.class).getUrl())
                    .isEqualTo("jdbc:clickhouse://127.0.0.1:8123/ringstream?compress=false");
            assertThat(context.getBean(ClickHouseProperties.class).credentials(Map.of()))
                    .as("no user or password set: the local server's password-less default user")
                    .isEqualTo(ClickHouseCredentials.NONE);
            assertThat(context.getBean(KafkaProperties.class).getBootstrap()).isEmpty();
            assertThat(context.containsBean(RoutingFeeds.class))
                    .as("routing stays off without a Kafka bootstrap")
                    .isFalse();
        }
    }

    @Test
    void propertiesOverrideTheDefaults() {
        try (ApplicationContext context =
                context(
                        Map.of(
                                "ringstream.routing.route-wait", "750ms",
                                "ringstream.routing.retry-after", "9s",
                                "ringstream.routing.feed-lookback", "1h",
                                "ringstream.routing.caller-identification-timeout", "250ms",
                                "ringstream.routing.customer-card-timeout", "3s",
                                "ringstream.routing.recent-alerts", "7",
                                "ringstream.clickhouse.url", "jdbc:clickhouse://ch:8123/x",
                                "ringstream.clickhouse.user", "ringstream"),
                        Map.of())) {
            RoutingProperties routing = context.getBean(RoutingProperties.class);

            assertThat(routing.getRouteWait()).isEqualTo(Duration.ofMillis(750));
            assertThat(routing.getRetryAfter()).isEqualTo(Duration.ofSeconds(9));
            assertThat(routing.getFeedLookback()).isEqualTo(Duration.ofHours(1));
            assertThat(routing.getCallerIdentificationTimeout()).isEqualTo(Duration.ofMillis(250));
            assertThat(routing.getCustomerCardTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(routing.getRecentAlerts()).isEqualTo(7);
            assertThat(context.getBean(ClickHouseProperties.class).getUrl())
                    .isEqualTo("jdbc:clickhouse://ch:8123/x");
            assertThat(context.getBean(ClickHouseProperties.class).getUser())
                    .isEqualTo("ringstream");
        }
    }

    @Test
    void theClickHousePasswordComesFromTheEnvironmentOrAFileNeverFromAProperty(@TempDir Path dir)
            throws Exception {
        String password = "pw-" + UUID.randomUUID();
        ClickHouseProperties clickHouse = new ClickHouseProperties();
        clickHouse.setUser("ringstream");

        ClickHouseCredentials fromVariable =
                clickHouse.credentials(Map.of("RINGSTREAM_CLICKHOUSE_PASSWORD", password));
        Path file = Files.writeString(dir.resolve("clickhouse-password"), password + "\n");
        ClickHouseCredentials fromFile =
                clickHouse.credentials(
                        Map.of("RINGSTREAM_CLICKHOUSE_PASSWORD_FILE", file.toString()));

        assertThat(fromVariable).isEqualTo(ClickHouseCredentials.of("ringstream", password));
        assertThat(fromFile).isEqualTo(fromVariable);
        assertThat(fromVariable.toString()).doesNotContain(password);
        assertThat(
                        new ClickHouseProperties()
                                .credentials(
                                        Map.of(
                                                "RINGSTREAM_CLICKHOUSE_USER",
                                                "analyst",
                                                "RINGSTREAM_CLICKHOUSE_PASSWORD",
                                                password))
                                .user())
                .as("without the property, the variable names the user")
                .contains("analyst");
    }

    @Test
    void theDocumentedVariablesSetTheRouteWaitAndRetry() {
        try (ApplicationContext context =
                context(
                        Map.of(),
                        Map.of(
                                "RINGSTREAM_ROUTE_WAIT", "750ms",
                                "RINGSTREAM_ROUTE_RETRY_AFTER", "9s",
                                "UNRELATED", "x"))) {
            RoutingProperties routing = context.getBean(RoutingProperties.class);

            assertThat(routing.getRouteWait()).isEqualTo(Duration.ofMillis(750));
            assertThat(routing.getRetryAfter()).isEqualTo(Duration.ofSeconds(9));
        }
    }

    @Test
    void aPropertyGivenToTheContextBeatsTheVariable() {
        try (ApplicationContext context =
                context(
                        Map.of("ringstream.routing.route-wait", "200ms"),
                        Map.of("RINGSTREAM_ROUTE_WAIT", "750ms"))) {
            assertThat(context.getBean(RoutingProperties.class).getRouteWait())
                    .isEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void aLaterAliasSourceReplacesTheEnvironmentsOne() {
        try (ApplicationContext context =
                ApplicationContext.builder()
                        .environmentPropertySource(false)
                        .propertySources(
                                EnvironmentAliases.propertySource(
                                        Map.of("RINGSTREAM_ROUTE_WAIT", "750ms")))
                        .propertySources(EnvironmentAliases.propertySource(Map.of()))
                        .start()) {
            assertThat(context.getBean(RoutingProperties.class).getRouteWait())
                    .isEqualTo(RoutingProperties.DEFAULT_ROUTE_WAIT);
        }
    }

    @Test
    void aMalformedDurationFailsInsteadOfFallingBackToTheDefault() {
        try (ApplicationContext context =
                context(Map.of(), Map.of("RINGSTREAM_ROUTE_WAIT", "soon"))) {
            assertThatThrownBy(() -> context.getBean(RoutingProperties.class))
                    .isInstanceOf(DependencyInjectionException.class)
                    .hasMessageContaining("routeWait");
        }
    }

    @Test
    void theAliasesApplyToEveryContext() {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertThat(context.getEnvironment().getPropertySources())
                    .extracting(PropertySource::getName)
                    .contains(EnvironmentAliases.NAME);
        }
    }
}
