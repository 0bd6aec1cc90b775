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
 * Conversion's sentiment side over several generated days, so ranges have whole days (read from
 * agent_sentiment_days FINAL) between their first and last day (read from conversation_sentiment):
 * it equals the panel's earlier SQL over the raw rows, per agent over all agents and in the whole
 * panel. The generator's conversations have no turns on two dates, the case in which counting per
 * day and per conversation agree. A superseded version of every agent_sentiment_days row is kept
 * unmerged, so a read without FINAL would count it.
 */
class AgentSentimentDaysPanelITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final String TENANT = "generated-days";
    private static final String PANEL = "Conversion per agent, with AHT and customer sentiment";
    private static final Instant NOW = Instant.now();
    private static final TrafficSpec SPEC = TrafficSpec.endingAt(TENANT, 2, 12, NOW, 3, 11);

    @BeforeAll
    static void generateDays() {
        CLICKHOUSE.truncateAll();
        CLICKHOUSE.execute("SYSTEM STOP MERGES " + Table.AGENT_SENTIMENT_DAYS.qualifiedName());
        ClickHouseTrafficInserter.generateInto(SPEC, "127.0.0.1", CLICKHOUSE.httpPort());
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.agent_sentiment_days SELECT tenant, day, agent_id,"
                        + " conversations + 5, customer_sum + 1, customer_mean, as_of_ms - 1,"
                        + " version - 1, updated_at FROM ringstream.agent_sentiment_days");
    }

    @AfterAll
    static void resumeMerges() {
        CLICKHOUSE.execute("SYSTEM START MERGES " + Table.AGENT_SENTIMENT_DAYS.qualifiedName());
    }

    /**
     * The panel's sentiment side, read from the day rows, equals the per-conversation SQL it
     * replaced (over conversation_sentiment) run over the range widened to whole UTC days: the
     * panel covers the range's days, as its funnel cells do. Superseded versions of every day row
     * stay unmerged, so a missing FINAL shows.
     */
    @Test
    void sentimentSideEqualsThePerConversationSqlOverTheRangesWholeDays() {
        JsonNode conversion =
                Dashboards.read(
                        Dashboards.moduleDir().resolve("grafana").resolve("conversion.json"));
        String pinnedNow = "toDateTime(" + NOW.getEpochSecond() + ")";
        String panel = Dashboards.panelSql(conversion, PANEL).replace("now()", pinnedNow);
        String before =
                resource("conversion-per-agent-before-v058.sql").replace("now()", pinnedNow);
        Instant today = NOW.truncatedTo(ChronoUnit.DAYS);
        List<Instant> froms =
                List.of(
                        SPEC.start(),
                        SPEC.start().plus(Duration.ofHours(30)),
                        today.minus(Duration.ofDays(1)),
                        today);
        List<Instant> tos = List.of(NOW, NOW.minus(Duration.ofHours(2)), today);
        int compared = 0;
        for (String funnel : funnels()) {
            Map<String, List<String>> variables =
                    Map.of("tenant", List.of(TENANT), "funnel", List.of(funnel));
            for (Instant from : froms) {
                for (Instant to : tos) {
                    if (!from.isBefore(to)) {
                        continue;
                    }
                    Instant dayFrom = from.truncatedTo(ChronoUnit.DAYS);
                    Instant dayTo =
                            to.truncatedTo(ChronoUnit.DAYS)
                                    .plus(Duration.ofDays(1))
                                    .minusSeconds(1);
                    List<List<String>> expected =
                            query(sentimentSide(before), variables, dayFrom, dayTo);
                    PanelRows.assertSameRows(
                            query(sentimentSide(panel), variables, from, to),
                            expected,
                            "sentiment side from " + from + " to " + to,
                            PanelRows.ABSOLUTE);
                    compared += expected.size();
                }
            }
        }
        assertThat(compared).isPositive();
    }

    /** The panel's per-agent sentiment subquery alone, every agent, sorted. */
    private static String sentimentSide(String sql) {
        int start = sql.lastIndexOf("ANY LEFT JOIN\n(") + "ANY LEFT JOIN\n".length();
        int end = sql.lastIndexOf(") USING (agent)") + 1;
        return "SELECT agent, conversations, customer_sentiment FROM "
                + sql.substring(start, end)
                + " ORDER BY agent";
    }

    private static List<String> funnels() {
        List<String> ids = new ArrayList<>();
        CLICKHOUSE
                .query(
                        "SELECT DISTINCT funnel_id FROM ringstream.funnel_stats WHERE tenant = '"
                                + TENANT
                                + "' ORDER BY funnel_id")
                .forEach(r -> ids.add(r.get(0)));
        assertThat(ids).isNotEmpty();
        return ids;
    }

    private static List<List<String>> query(
            String sql, Map<String, List<String>> variables, Instant from, Instant to) {
        return CLICKHOUSE.query(GrafanaQuery.expand(sql, variables, from, to));
    }

    private static String resource(String name) {
        try (InputStream in = AgentSentimentDaysPanelITCase.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
