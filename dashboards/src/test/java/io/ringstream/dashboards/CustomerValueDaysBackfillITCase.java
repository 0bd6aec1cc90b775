package io.ringstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringstream.clickhouse.ClasspathMigrations;
import io.ringstream.clickhouse.Migration;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.traffic.ClickHouseTrafficInserter;
import io.ringstream.testkit.traffic.TrafficSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * V064's backfill of customer_value_days from stored customer_value rows: on generated days whose
 * day rows are dropped, the Customers panels for a range ending now (each tenant's latest as_of)
 * equal their old SQL over customer_value, for every movement span; a second run changes nothing.
 */
class CustomerValueDaysBackfillITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final String TENANT = "backfilled-customers";
    private static final Instant NOW = Instant.now();
    private static final TrafficSpec SPEC = TrafficSpec.endingAt(TENANT, 2, 6, NOW, 10, 3);
    private static final Map<String, String> PANELS =
            Map.of(
                    "Customers scored", "customers-scored",
                    "RFM segment sizes", "rfm-segment-sizes",
                    "Probability alive", "probability-alive",
                    "Value by segment", "value-by-segment",
                    "Segment movement", "segment-movement");

    @BeforeAll
    static void generateThenDropTheDayRows() {
        CLICKHOUSE.truncateAll();
        ClickHouseTrafficInserter.generateInto(SPEC, "127.0.0.1", CLICKHOUSE.httpPort());
        CLICKHOUSE.execute("TRUNCATE TABLE ringstream.customer_value_days");
        backfill();
    }

    private static void backfill() {
        Migration v064 =
                ClasspathMigrations.load().stream()
                        .filter(m -> m.version() == 64)
                        .findFirst()
                        .orElseThrow();
        v064.statements().forEach(CLICKHOUSE::execute);
    }

    @Test
    void theBackfilledLatestDayEqualsTheOldPanelsAndAgainChangesNothing() {
        assertThat(CLICKHOUSE.queryLong("SELECT count() FROM ringstream.customer_value_days"))
                .isEqualTo(1);
        compare();
        backfill();
        compare();
        assertThat(CLICKHOUSE.queryLong("SELECT count() FROM ringstream.customer_value_days FINAL"))
                .isEqualTo(1);
    }

    private static void compare() {
        JsonNode customers =
                Dashboards.read(
                        Dashboards.moduleDir().resolve("grafana").resolve("customers.json"));
        int compared = 0;
        for (Map.Entry<String, String> panel : PANELS.entrySet()) {
            String now = Dashboards.panelSql(customers, panel.getKey());
            String before = resource(panel.getValue() + "-before-v063.sql");
            for (String span : List.of("7", "30", "90", "365")) {
                Map<String, List<String>> variables =
                        Map.of("tenant", List.of(TENANT), "movement_days", List.of(span));
                Instant from = NOW.minus(Duration.ofDays(30));
                List<List<String>> expected = query(before, variables, from, NOW);
                List<List<String>> shown = query(now, variables, from, NOW);
                String what = panel.getKey() + " over " + span + " days";
                PanelRows.assertSameRows(shown, expected, what, PanelRows.RELATIVE);
                compared += expected.size();
            }
        }
        assertThat(compared).isGreaterThan(50);
    }

    private static List<List<String>> query(
            String sql, Map<String, List<String>> variables, Instant from, Instant to) {
        return CLICKHOUSE.query(GrafanaQuery.expand(sql, variables, from, to));
    }

    private static String resource(String name) {
        try (InputStream in = CustomerValueDaysBackfillITCase.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
