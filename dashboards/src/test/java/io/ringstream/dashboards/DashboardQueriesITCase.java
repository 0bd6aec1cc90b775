package io.ringstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringstream.testkit.ClickHouseExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs every dashboard query, expanded as Grafana would, against a real clickhouse-server with
 * known rows, and checks the wallboard's numbers against values computed by hand from those rows.
 */
class DashboardQueriesITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final Instant FROM = Instant.parse("2025-03-14T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-15T00:00:00Z");
    private static final Map<String, List<String>> VARIABLES =
            Map.of(
                    "tenant", List.of("default"),
                    "queue", List.of("sales", "support"),
                    "convention", List.of("answered_only"));

    @BeforeAll
    static void insertKnownRows() {
        CLICKHOUSE.truncateAll();
        // Keep superseded versions unmerged, so a panel without FINAL would count them.
        CLICKHOUSE.execute("SYSTEM STOP MERGES ringstream.queue_interval_stats");
        // Inside the dashboard's range (2025-03-14). sales 10:00 arrives twice: version 2 wins.
        stats("default", "sales", "2025-03-14 10:00:00", 1, 5, 4, 0, 2, 20_000);
        stats("default", "sales", "2025-03-14 10:00:00", 2, 12, 10, 1, 8, 100_000);
        stats("default", "sales", "2025-03-14 10:15:00", 1, 11, 10, 1, 9, 150_000);
        stats("default", "support", "2025-03-14 10:00:00", 1, 3, 0, 3, 0, 0);
        // Outside it: another tenant, another day.
        stats("acme", "sales", "2025-03-14 10:00:00", 1, 100, 100, 0, 0, 0);
        stats("default", "sales", "2025-03-13 10:00:00", 1, 50, 50, 0, 0, 0);
        // Live rows for "waiting now": the current interval and one older than a day.
        statsAgo("sales", 0, 7, 3, 1);
        statsAgo("support", 15, 2, 2, 0);
        statsAgo("sales", 2 * 24 * 60, 9, 0, 0);

        long now = System.currentTimeMillis();
        agent("default", "a-1", "LOGGED_IN", now - 600_000, "");
        agent("default", "a-1", "READY", now - 500_000, "");
        agent("default", "a-2", "READY", now - 600_000, "");
        agent("default", "a-2", "BUSY", now - 400_000, "");
        agent("default", "a-2", "BUSY", now - 400_000, ""); // a redelivery
        agent("default", "a-3", "READY", now - 600_000, "");
        agent("default", "a-3", "NOT_READY", now - 300_000, "break");
        agent("default", "a-3", "SKILLS_CHANGED", now - 200_000, "");
        agent("default", "a-4", "READY", now - 600_000, "");
        agent("default", "a-4", "LOGGED_OUT", now - 100_000, "");
        agent("acme", "a-5", "READY", now - 100_000, "");
        agent("default", "a-6", "READY", now - 10L * 24 * 3600 * 1000, "");
    }

    @AfterAll
    static void resumeMerges() {
        CLICKHOUSE.execute("SYSTEM START MERGES ringstream.queue_interval_stats");
    }

    @Test
    void everyPanelAndVariableQueryRunsOnTheRealServer() {
        List<String> ran = new ArrayList<>();
        for (Path file : Dashboards.files()) {
            for (Dashboards.NamedQuery query : Dashboards.queries(Dashboards.read(file))) {
                String sql = GrafanaQuery.expand(query.sql(), VARIABLES, FROM, TO);
                CLICKHOUSE.query(sql);
                ran.add(query.toString());
            }
        }
        assertThat(ran).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void variablesListTenantsAndTheTenantsQueues() {
        JsonNode wallboard = wallboard();
        assertThat(run(variableSql(wallboard, "tenant")))
                .containsExactly(List.of("acme"), List.of("default"));
        assertThat(run(variableSql(wallboard, "queue")))
                .containsExactly(List.of("sales"), List.of("support"));
    }

    @Test
    void serviceLevelIsAnsweredWithinThresholdOverAnsweredOfTheLatestVersions() {
        List<List<String>> rows = run(panel("Service level per queue"));

        // sales: (8 + 9) / (10 + 10); the superseded version (2 of 4) must not count.
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get(0)).isEqualTo("sales");
        assertThat(Double.parseDouble(rows.get(0).get(1))).isCloseTo(0.85, within(1e-9));
        assertThat(rows.get(1)).isEqualTo(Arrays.asList("support", null));
    }

    @Test
    void asaAndAbandonRate() {
        List<List<String>> asa = run(panel("ASA (average speed of answer)"));
        assertThat(asa.get(0).get(0)).isEqualTo("sales");
        assertThat(Double.parseDouble(asa.get(0).get(1))).isCloseTo(12.5, within(1e-9));
        assertThat(asa.get(1)).isEqualTo(Arrays.asList("support", null));

        List<List<String>> abandon = run(panel("Abandon rate"));
        assertThat(Double.parseDouble(abandon.get(0).get(1))).isCloseTo(2.0 / 23, within(1e-9));
        assertThat(Double.parseDouble(abandon.get(1).get(1))).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void contactsWaitingNowAreOfferedMinusAnsweredMinusAbandonedOfTheLastDay() {
        assertThat(run(panel("Contacts waiting now")))
                .containsExactly(List.of("sales", "3"), List.of("support", "0"));
    }

    @Test
    void volumesAndServiceLevelPerFifteenMinutes() {
        assertThat(run(panel("Offered, answered, abandoned per 15 minutes")))
                .containsExactly(
                        List.of("2025-03-14 10:00:00", "15", "10", "4"),
                        List.of("2025-03-14 10:15:00", "11", "10", "1"));

        List<List<String>> sl = run(panel("Service level per 15 minutes"));
        assertThat(sl).hasSize(3);
        assertThat(sl.get(0).subList(0, 2)).containsExactly("2025-03-14 10:00:00", "sales");
        assertThat(Double.parseDouble(sl.get(0).get(2))).isCloseTo(0.8, within(1e-9));
        assertThat(sl.get(1)).isEqualTo(Arrays.asList("2025-03-14 10:00:00", "support", null));
        assertThat(Double.parseDouble(sl.get(2).get(2))).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void agentsByLatestStateLeaveOutLoggedOutStaleAndOtherTenants() {
        assertThat(run(panel("Agents by state")))
                .containsExactly(
                        List.of("BUSY", "1"), List.of("NOT_READY", "1"), List.of("READY", "1"));

        assertThat(run(panel("Agent states")))
                .extracting(row -> row.subList(0, 3))
                .containsExactly(
                        List.of("a-2", "BUSY", ""),
                        List.of("a-3", "NOT_READY", "break"),
                        List.of("a-1", "READY", ""));
    }

    private static List<List<String>> run(String sql) {
        return CLICKHOUSE.query(GrafanaQuery.expand(sql, VARIABLES, FROM, TO));
    }

    private static String panel(String title) {
        return Dashboards.panelSql(wallboard(), title);
    }

    private static String variableSql(JsonNode dashboard, String name) {
        return Dashboards.variables(dashboard).stream()
                .filter(v -> v.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow()
                .path("query")
                .asText();
    }

    private static JsonNode wallboard() {
        return Dashboards.read(Dashboards.moduleDir().resolve("grafana/queue-wallboard.json"));
    }

    private static void stats(
            String tenant,
            String queue,
            String intervalStart,
            long version,
            long offered,
            long answered,
            long abandoned,
            long withinThreshold,
            long totalWaitMs) {
        insertStats(
                tenant,
                queue,
                "toDateTime('" + intervalStart + "')",
                version,
                offered,
                answered,
                abandoned,
                withinThreshold,
                totalWaitMs);
    }

    private static void statsAgo(
            String queue, int minutesAgo, long offered, long answered, long abandoned) {
        insertStats(
                "default",
                queue,
                "toStartOfFifteenMinutes(now() - " + minutesAgo * 60 + ")",
                1,
                offered,
                answered,
                abandoned,
                0,
                0);
    }

    private static void insertStats(
            String tenant,
            String queue,
            String intervalStartSql,
            long version,
            long offered,
            long answered,
            long abandoned,
            long withinThreshold,
            long totalWaitMs) {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.queue_interval_stats (tenant, queue, interval_start,"
                        + " interval_minutes, offered, answered, abandoned,"
                        + " answered_within_threshold, threshold_seconds, total_wait_ms,"
                        + " total_talk_ms, version, updated_at) SELECT '"
                        + tenant
                        + "', '"
                        + queue
                        + "', "
                        + intervalStartSql
                        + ", 15, "
                        + offered
                        + ", "
                        + answered
                        + ", "
                        + abandoned
                        + ", "
                        + withinThreshold
                        + ", 20, "
                        + totalWaitMs
                        + ", 0, "
                        + version
                        + ", now()");
    }

    private static void agent(
            String tenant, String agentId, String type, long eventTimeMs, String reason) {
        String eventId = agentId + "-" + type + "-" + eventTimeMs;
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.agent_events (event_id, tenant, agent_id, type,"
                        + " event_date, event_time, event_time_ms, source, queue, reason, skills,"
                        + " attributes) SELECT '"
                        + eventId
                        + "', '"
                        + tenant
                        + "', '"
                        + agentId
                        + "', '"
                        + type
                        + "', toDate(toDateTime(intDiv("
                        + eventTimeMs
                        + ", 1000))), toDateTime(intDiv("
                        + eventTimeMs
                        + ", 1000)), "
                        + eventTimeMs
                        + ", 'test', '', '"
                        + reason
                        + "', '{}', '{}'");
    }
}
