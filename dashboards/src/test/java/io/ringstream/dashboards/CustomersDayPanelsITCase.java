package io.ringstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringstream.clickhouse.Table;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.traffic.ClickHouseTrafficInserter;
import io.ringstream.testkit.traffic.TrafficSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Customers panels that read customer_value_days (V063) against the SQL they replaced, which
 * grouped every customer's latest customer_value row: equal on twelve generated days, for range
 * ends on every day, between days, before the first and after the last, and for every movement
 * span. A superseded version of every day row stays unmerged (with other figures), so a read
 * without FINAL shows.
 */
class CustomersDayPanelsITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final String TENANT = "generated-customers";
    private static final Instant NOW = Instant.now();
    private static final TrafficSpec SPEC = TrafficSpec.endingAt(TENANT, 2, 6, NOW, 12, 7);
    private static final Map<String, String> PANELS =
            Map.of(
                    "Customers scored", "customers-scored",
                    "RFM segment sizes", "rfm-segment-sizes",
                    "Probability alive", "probability-alive",
                    "Value by segment", "value-by-segment",
                    "Segment movement", "segment-movement");

    @BeforeAll
    static void generateDays() {
        CLICKHOUSE.truncateAll();
        CLICKHOUSE.execute("SYSTEM STOP MERGES " + Table.CUSTOMER_VALUE_DAYS.qualifiedName());
        ClickHouseTrafficInserter.generateInto(SPEC, "127.0.0.1", CLICKHOUSE.httpPort());
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.customer_value_days SELECT tenant, as_of, as_of_ms,"
                        + " customers + 3, arrayMap(s -> concat(s, ' (old)'), segments),"
                        + " segment_customers, segment_monetary_sum, segment_clv_customers,"
                        + " segment_clv_sum, segment_alive_customers, segment_alive_sum,"
                        + " segment_purchases_customers, segment_purchases_sum, alive_bands,"
                        + " alive_band_customers, movement_days, movement_from, movement_to,"
                        + " arrayMap(n -> n + 1, movement_customers), version - 1, updated_at"
                        + " FROM ringstream.customer_value_days");
    }

    @AfterAll
    static void resumeMerges() {
        CLICKHOUSE.execute("SYSTEM START MERGES " + Table.CUSTOMER_VALUE_DAYS.qualifiedName());
    }

    @Test
    void everyDayPanelEqualsTheSqlOverEachCustomersLatestRow() {
        JsonNode customers =
                Dashboards.read(
                        Dashboards.moduleDir().resolve("grafana").resolve("customers.json"));
        Instant today = NOW.truncatedTo(ChronoUnit.DAYS);
        List<Instant> ends = new ArrayList<>();
        for (int d = -SPEC.days() - 1; d <= 1; d++) {
            ends.add(today.plus(Duration.ofDays(d)).plus(Duration.ofHours(13)));
        }
        ends.add(NOW);
        int compared = 0;
        for (Map.Entry<String, String> panel : PANELS.entrySet()) {
            String now = Dashboards.panelSql(customers, panel.getKey());
            String before = resource(panel.getValue() + "-before-v063.sql");
            for (String span : List.of("7", "30", "90", "365")) {
                Map<String, List<String>> variables =
                        Map.of("tenant", List.of(TENANT), "movement_days", List.of(span));
                for (Instant end : ends) {
                    Instant from = end.minus(Duration.ofDays(30));
                    List<List<String>> expected = query(before, variables, from, end);
                    PanelRows.assertSameRows(
                            query(now, variables, from, end),
                            expected,
                            panel.getKey() + " up to " + end + " over " + span + " days",
                            PanelRows.RELATIVE);
                    compared += expected.size();
                }
            }
        }
        assertThat(compared).isGreaterThan(500);
        assertThat(
                        CLICKHOUSE.query(
                                "SELECT count() FROM ringstream.customer_value_days FINAL WHERE"
                                        + " has(movement_from, '(new)') AND"
                                        + " arrayExists((f, t) -> f != t AND f != '(new)',"
                                        + " movement_from, movement_to)"))
                .as("days with new customers and movers")
                .isNotEqualTo(List.of(List.of("0")));
    }

    private static List<List<String>> query(
            String sql, Map<String, List<String>> variables, Instant from, Instant to) {
        return CLICKHOUSE.query(GrafanaQuery.expand(sql, variables, from, to));
    }

    private static String resource(String name) {
        try (InputStream in = CustomersDayPanelsITCase.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
