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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13's pre-aggregated funnel rows on generated days: every Conversion panel moved from
 * funnel_stats to funnel_channel_days / funnel_agent_days returns what its SQL over funnel_stats
 * returned (the weighted means up to the last bits: another order of addition), over ranges of
 * whole and partial days; Agents "Conversion by agent", whose definition changed, equals that
 * definition computed over funnel_stats' cells. A superseded version of every row of the three
 * tables stays unmerged, so a read without FINAL would show.
 */
class FunnelRollupPanelsITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final String TENANT = "generated-funnels";
    private static final Instant NOW = Instant.now();
    private static final TrafficSpec SPEC = TrafficSpec.endingAt(TENANT, 3, 16, NOW, 4, 13);
    private static final List<Table> KEPT_UNMERGED =
            List.of(Table.FUNNEL_STATS, Table.FUNNEL_CHANNEL_DAYS, Table.FUNNEL_AGENT_DAYS);

    /** Conversion panels and the resource holding the SQL each ran before V061. */
    private static final Map<String, String> BEFORE = new LinkedHashMap<>();

    static {
        BEFORE.put("Entered, converted, conversion", "entered-converted");
        BEFORE.put("Funnel: episodes reaching each step", "funnel-steps");
        BEFORE.put("Time to convert", "time-to-convert");
        BEFORE.put("Step conversion", "step-conversion");
        BEFORE.put("Entered and converted per entry day", "entered-converted-per-day");
        BEFORE.put("Time to convert per entry day", "time-to-convert-per-day");
        BEFORE.put("Conversion by channel", "conversion-by-channel");
        BEFORE.put("Conversion by campaign", "conversion-by-campaign");
        BEFORE.put("Conversion per agent, with AHT and customer sentiment", "conversion-per-agent");
    }

    @BeforeAll
    static void generateDays() {
        CLICKHOUSE.truncateAll();
        KEPT_UNMERGED.forEach(t -> CLICKHOUSE.execute("SYSTEM STOP MERGES " + t.qualifiedName()));
        ClickHouseTrafficInserter.generateInto(
                SPEC, "127.0.0.1", CLICKHOUSE.httpPort(), sink -> new AgentKpiTraffic(sink, SPEC));
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.funnel_stats SELECT tenant, funnel_id, funnel_name, day,"
                        + " step, step_name, channel, campaign, agent_id, entered + 3, reached + 2,"
                        + " conversion_rate, from_previous_median_s + 1, from_previous_p90_s + 1,"
                        + " from_entry_median_s + 1, from_entry_p90_s + 1, version - 1, updated_at"
                        + " FROM ringstream.funnel_stats");
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.funnel_channel_days SELECT tenant, funnel_id, funnel_name,"
                        + " day, step, step_name, channel, campaign, entered + 7, reached + 5,"
                        + " timed_reached + 3, from_previous_median_wsum_s + 1,"
                        + " from_previous_p90_wsum_s + 1, from_entry_median_wsum_s + 1,"
                        + " from_entry_p90_wsum_s + 1, version - 1, updated_at"
                        + " FROM ringstream.funnel_channel_days");
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.funnel_agent_days SELECT tenant, funnel_id, funnel_name,"
                        + " day, agent_id, entered + 7, arrayMap(r -> r + 5, reached), version - 1,"
                        + " updated_at FROM ringstream.funnel_agent_days");
    }

    @AfterAll
    static void resumeMerges() {
        KEPT_UNMERGED.forEach(t -> CLICKHOUSE.execute("SYSTEM START MERGES " + t.qualifiedName()));
    }

    @Test
    void everyRewrittenConversionPanelEqualsItsSqlOverFunnelStats() {
        JsonNode conversion = read("conversion.json");
        Map<String, List<String>> variables =
                Map.of("tenant", List.of(TENANT), "funnel", List.of("sales"));
        int compared = 0;
        for (Map.Entry<String, String> panel : BEFORE.entrySet()) {
            String now = Dashboards.panelSql(conversion, panel.getKey());
            assertThat(now).as(panel.getKey()).doesNotContain("funnel_stats");
            String before = resource(panel.getValue() + "-before-v061.sql");
            for (Instant[] range : ranges()) {
                List<List<String>> expected = query(before, variables, range);
                assertThat(expected).as(panel.getKey()).isNotEmpty();
                PanelRows.assertSameRows(
                        query(now, variables, range),
                        expected,
                        panel.getKey() + " from " + range[0] + " to " + range[1],
                        PanelRows.RELATIVE);
                compared += expected.size();
            }
        }
        assertThat(compared).isGreaterThan(BEFORE.size() * ranges().size());
    }

    @Test
    void conversionByAgentCountsTheFunnelsCreditedConversionsOfTheRangesEntryDays() {
        JsonNode agents = read("agents.json");
        List<String> queues = new ArrayList<>(SPEC.queueNames());
        String panel = Dashboards.panelSql(agents, "Conversion by agent");
        String overCells = resource("conversion-by-agent-over-funnel-stats.sql");
        int compared = 0;
        for (List<String> selected : List.of(queues, queues.subList(0, 1))) {
            Map<String, List<String>> variables =
                    Map.of("tenant", List.of(TENANT), "queue", selected);
            for (Instant[] range : ranges()) {
                List<List<String>> expected = query(overCells, variables, range);
                PanelRows.assertSameRows(
                        query(panel, variables, range),
                        expected,
                        "Conversion by agent, queues "
                                + selected
                                + ", "
                                + range[0]
                                + " – "
                                + range[1],
                        PanelRows.RELATIVE);
                compared += expected.size();
            }
        }
        assertThat(compared).isPositive();
    }

    /** The whole generated span, partial first and last days, today only, yesterday only. */
    private static List<Instant[]> ranges() {
        Instant today = NOW.truncatedTo(ChronoUnit.DAYS);
        return List.of(
                new Instant[] {SPEC.start(), NOW},
                new Instant[] {
                    SPEC.start().plus(Duration.ofHours(30)), NOW.minus(Duration.ofHours(3))
                },
                new Instant[] {today, NOW},
                new Instant[] {today.minus(Duration.ofDays(1)), today.minusSeconds(1)});
    }

    private static List<List<String>> query(
            String sql, Map<String, List<String>> variables, Instant[] range) {
        return CLICKHOUSE.query(GrafanaQuery.expand(sql, variables, range[0], range[1]));
    }

    private static JsonNode read(String name) {
        return Dashboards.read(Dashboards.moduleDir().resolve("grafana").resolve(name));
    }

    private static String resource(String name) {
        try (InputStream in = FunnelRollupPanelsITCase.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
