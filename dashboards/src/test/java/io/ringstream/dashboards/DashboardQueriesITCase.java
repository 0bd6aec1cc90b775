package io.ringstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringstream.clickhouse.Table;
import io.ringstream.testkit.ClickHouseExtension;
import java.nio.file.Path;
import java.time.Duration;
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
    private static final QueueKpiRows KPIS = new QueueKpiRows(CLICKHOUSE);

    private static final Instant FROM = Instant.parse("2025-03-14T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-15T00:00:00Z");
    private static final Map<String, List<String>> VARIABLES =
            Map.of(
                    "tenant", List.of("default"),
                    "queue", List.of("sales", "support", "billing"),
                    "convention", List.of("answered_only"),
                    "funnel", List.of("sales"),
                    "movement_days", List.of("30"),
                    "component", List.of("flink:routing"));

    @BeforeAll
    static void insertKnownRows() {
        CLICKHOUSE.truncateAll();
        // Keep superseded versions unmerged, so a panel without FINAL would count them.
        CLICKHOUSE.execute("SYSTEM STOP MERGES " + Table.QUEUE_KPIS.qualifiedName());
        // Inside the dashboard's range (2025-03-14). sales 10:00 is re-emitted as it fills, each
        // time with a later as_of (= version): only its closed emission, as of 10:15, counts.
        interval(
                "default",
                "sales",
                day("10:00"),
                5,
                "offered=5, answered=4, answered_within_threshold=2, total_wait_ms=20000");
        interval(
                "default",
                "sales",
                day("10:00"),
                10,
                "offered=9, answered=7, abandoned=1,"
                        + " answered_within_threshold=5, total_wait_ms=60000");
        interval(
                "default",
                "sales",
                day("10:00"),
                15,
                "offered=12, answered=10, abandoned=1,"
                        + " answered_within_threshold=8, total_wait_ms=100000");
        interval(
                "default",
                "sales",
                day("10:15"),
                5,
                "offered=4, answered=3, answered_within_threshold=3, total_wait_ms=30000");
        interval(
                "default",
                "sales",
                day("10:15"),
                15,
                "offered=11, answered=10, abandoned=1,"
                        + " answered_within_threshold=9, total_wait_ms=150000");
        interval(
                "default",
                "support",
                day("10:00"),
                15,
                "offered=3, abandoned=3, short_abandoned=3");
        // A sliding 5-minute row overlaps the intervals: counting it would count contacts twice.
        KPIS.emit(
                "default",
                "sales",
                "sliding",
                day("10:10"),
                5,
                Duration.ofMinutes(5),
                "offered=7, answered=7, abandoned=5, total_wait_ms=700000");
        // Outside it: a queue not selected, another tenant, another day.
        interval("default", "backoffice", day("10:00"), 15, "offered=5, answered=5");
        interval("acme", "sales", day("10:00"), 15, "offered=100, answered=100");
        interval(
                "default",
                "sales",
                day("10:00").minus(Duration.ofDays(1)),
                15,
                "offered=50, answered=50");

        // Live rows for "waiting now", in the intervals before the current one. sales: 3, the
        // waiting_now of its latest interval emission (summing offered - answered - abandoned
        // over the last day, as this panel used to, would give 3 + 7).
        Instant current =
                Instant.ofEpochSecond(Math.floorDiv(Instant.now().getEpochSecond(), 900) * 900);
        Instant previous = current.minus(Duration.ofMinutes(15));
        Instant beforeThat = current.minus(Duration.ofMinutes(30));
        interval("default", "sales", beforeThat, 5, "offered=2, waiting_now=9");
        interval("default", "sales", beforeThat, 15, "offered=4, answered=1, waiting_now=6");
        interval("default", "sales", previous, 5, "offered=6, answered=1, waiting_now=2");
        interval(
                "default",
                "sales",
                previous,
                10,
                "offered=10, answered=2, abandoned=1, waiting_now=3");
        // A sliding row emitted after every interval row: the panel must not read it.
        KPIS.emit(
                "default",
                "sales",
                "sliding",
                previous.plus(Duration.ofMinutes(6)),
                5,
                Duration.ofMinutes(5),
                "waiting_now=50");
        interval("default", "support", previous, 15, "offered=2, answered=1, waiting_now=0");
        // Another tenant's later emission, and a queue last heard of two days ago.
        interval("acme", "sales", previous, 14, "waiting_now=77");
        interval(
                "default",
                "billing",
                current.minus(Duration.ofDays(2)),
                15,
                "offered=4, waiting_now=4");

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
        CLICKHOUSE.execute("SYSTEM START MERGES " + Table.QUEUE_KPIS.qualifiedName());
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
                .containsExactly(
                        List.of("backoffice"),
                        List.of("billing"),
                        List.of("sales"),
                        List.of("support"));
    }

    @Test
    void serviceLevelIsAnsweredWithinThresholdOverAnsweredOfTheLatestVersions() {
        List<List<String>> rows = run(panel("Service level per queue"));

        // sales: (8 + 9) / (10 + 10) from the latest emissions; the earlier ones, the sliding row,
        // backoffice, acme and the day before must not count. support: nothing answered.
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get(0)).isEqualTo("sales");
        assertThat(Double.parseDouble(rows.get(0).get(1))).isCloseTo(0.85, within(1e-9));
        assertThat(rows.get(1)).isEqualTo(Arrays.asList("support", null));
    }

    @Test
    void asaAndAbandonRateOfTheLatestIntervalVersions() {
        // ASA: (100 + 150) s / 20 answered. Abandon rate: sales (1 + 1) / (12 + 11), support 3 / 3.
        List<List<String>> asa = run(panel("ASA (average speed of answer)"));
        assertThat(asa.get(0).get(0)).isEqualTo("sales");
        assertThat(Double.parseDouble(asa.get(0).get(1))).isCloseTo(12.5, within(1e-9));
        assertThat(asa.get(1)).isEqualTo(Arrays.asList("support", null));

        List<List<String>> abandon = run(panel("Abandon rate"));
        assertThat(Double.parseDouble(abandon.get(0).get(1))).isCloseTo(2.0 / 23, within(1e-9));
        assertThat(Double.parseDouble(abandon.get(1).get(1))).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void contactsWaitingNowAreTheLatestIntervalRowsWaitingNowOfTheLastDay() {
        // billing's only row is two days old: not shown.
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

    /** An emission of a 15-minute interval, {@code asOfMinutes} into it. */
    private static void interval(
            String tenant, String queue, Instant start, int asOfMinutes, String figures) {
        KPIS.emit(tenant, queue, "interval", start, 15, Duration.ofMinutes(asOfMinutes), figures);
    }

    /** A time of the dashboard's day, 2025-03-14 (UTC). */
    private static Instant day(String time) {
        return Instant.parse("2025-03-14T" + time + ":00Z");
    }

    private static void agent(
            String tenant, String agentId, String type, long eventTimeMs, String reason) {
        String eventId = agentId + "-" + type + "-" + eventTimeMs;
        CLICKHOUSE.execute(
                "INSERT INTO "
                        + Table.AGENT_EVENTS.qualifiedName()
                        + " (event_id, tenant, agent_id, type,"
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
