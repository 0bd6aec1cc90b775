package io.ringstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringstream.clickhouse.Table;
import io.ringstream.testkit.ClickHouseExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the service wallboard's queries, expanded as Grafana would, against a real clickhouse-server
 * holding rows shaped like the SLA, KPI and sentiment jobs write, and checks its numbers against
 * values computed by hand from those rows, under each service-level convention.
 */
class ServiceWallboardQueriesITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    private static final QueueKpiRows KPIS = new QueueKpiRows(CLICKHOUSE);

    private static final Instant FROM = Instant.parse("2025-03-14T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-15T00:00:00Z");
    private static final List<String> CONVENTIONS =
            List.of("answered_only", "abandons_count_against", "left_queue");

    @BeforeAll
    static void insertKnownRows() {
        CLICKHOUSE.truncateAll();
        // Keep superseded interval versions unmerged, so a panel without FINAL would count them.
        CLICKHOUSE.execute("SYSTEM STOP MERGES " + Table.QUEUE_KPIS.qualifiedName());

        // Interval rows on the dashboard's day. sales 10:00 is re-emitted: version 2 wins.
        KPIS.insert(
                "default",
                "sales",
                "interval",
                "toDateTime('2025-03-14 10:00:00')",
                15,
                1,
                "offered=5, answered=4, answered_within_threshold=1, handled=4, talk_ms=4000000");
        KPIS.insert(
                "default",
                "sales",
                "interval",
                "toDateTime('2025-03-14 10:00:00')",
                15,
                2,
                "offered=12, answered=10, answered_within_threshold=8, abandoned=2,"
                        + " short_abandoned=1, abandoned_within_threshold=1,"
                        + " total_wait_ms=100000, handled=10, talk_ms=1500000, hold_ms=100000,"
                        + " wrap_up_ms=400000, sl_answered_only=0.8,"
                        + " sl_abandons_count_against=0.7272727272727273,"
                        + " sl_left_queue=0.8181818181818182");
        KPIS.insert(
                "default",
                "sales",
                "interval",
                "toDateTime('2025-03-14 10:15:00')",
                15,
                1,
                "offered=10, answered=9, answered_within_threshold=9, abandoned=1,"
                        + " total_wait_ms=45000, handled=9, talk_ms=900000, wrap_up_ms=180000,"
                        + " sl_answered_only=1, sl_abandons_count_against=0.9,"
                        + " sl_left_queue=0.9");
        KPIS.insert(
                "default",
                "support",
                "interval",
                "toDateTime('2025-03-14 10:00:00')",
                15,
                1,
                "offered=3, abandoned=3, short_abandoned=3");
        // Outside the range or the tenant.
        KPIS.insert(
                "acme",
                "sales",
                "interval",
                "toDateTime('2025-03-14 10:00:00')",
                15,
                1,
                "offered=100, answered=100, answered_within_threshold=0");
        KPIS.insert(
                "default",
                "sales",
                "interval",
                "toDateTime('2025-03-13 10:00:00')",
                15,
                1,
                "offered=50, answered=50, answered_within_threshold=0");

        // Live sliding windows: the latest one of each queue within the last hour counts.
        String lastMinute = "toStartOfMinute(now())";
        KPIS.insert(
                "default",
                "sales",
                "sliding",
                lastMinute + " - 360",
                5,
                1,
                "sl_answered_only=0.5, sl_abandons_count_against=0.5, sl_left_queue=0.5,"
                        + " waiting_now=9, longest_wait_now_ms=300000, target_share=0.8");
        KPIS.insert(
                "default",
                "sales",
                "sliding",
                lastMinute + " - 300",
                5,
                1,
                "sl_answered_only=0.9, sl_abandons_count_against=0.75, sl_left_queue=0.8,"
                        + " target_share=0.8, threshold_seconds=20, waiting_now=4,"
                        + " longest_wait_now_ms=95000, occupancy=0.85, agents_ready=3,"
                        + " agents_busy=5, agents_wrap_up=1, agents_not_ready=2,"
                        + " sl_convention='answered-only'");
        KPIS.insert(
                "default",
                "support",
                "sliding",
                "toStartOfMinute(now()) - 7500",
                5,
                1,
                "waiting_now=8, longest_wait_now_ms=500000, target_share=0.8");
        KPIS.insert(
                "default",
                "support",
                "sliding",
                lastMinute + " - 420",
                5,
                1,
                "sl_answered_only=0.7, sl_abandons_count_against=0.6, sl_left_queue=0.65,"
                        + " target_share=0.8, waiting_now=1, longest_wait_now_ms=30000");
        // Another tenant, live: its queues and figures must stay off this tenant's wallboard.
        KPIS.insert("acme", "sales", "sliding", lastMinute + " - 300", 5, 1, "waiting_now=77");
        KPIS.insert("acme", "billing", "sliding", lastMinute + " - 300", 5, 1, "waiting_now=66");
        // A tenant not heard of this week is no longer offered.
        KPIS.insert(
                "gone",
                "sales",
                "interval",
                "toDateTime('2025-03-14 10:00:00')",
                15,
                1,
                "offered=1");
        // The current interval for Erlang C: 7 required, 5.5 staffed.
        KPIS.insert(
                "default",
                "sales",
                "interval",
                "toStartOfFifteenMinutes(now())",
                15,
                1,
                "erlang_agents_required=7, agents_staffed=5.5");

        // SLA verdicts on the day: 1 warning, 3 breaches (one redelivered, one of an agent).
        sla("w-1", "default", "WARNING", "ANSWER", "c1", "", "sales", "2025-03-14 10:00:16", 16000);
        sla("b-1", "default", "BREACH", "ANSWER", "c1", "", "sales", "2025-03-14 10:00:20", 20000);
        sla("b-1", "default", "BREACH", "ANSWER", "c1", "", "sales", "2025-03-14 10:00:20", 20000);
        sla(
                "b-2",
                "default",
                "BREACH",
                "HOLD",
                "c2",
                "a-7",
                "support",
                "2025-03-14 11:00:00",
                120000);
        sla("b-3", "default", "BREACH", "NOT_READY", "", "a-3", "", "2025-03-14 12:00:00", 900000);
        sla("m-1", "default", "MET", "ANSWER", "c3", "a-1", "sales", "2025-03-14 12:30:00", 5000);
        sla("b-4", "acme", "BREACH", "ANSWER", "c9", "", "sales", "2025-03-14 12:00:00", 20000);
        sla("b-5", "default", "BREACH", "ANSWER", "c8", "", "sales", "2025-03-13 12:00:00", 20000);

        // Sentiment alerts on the day; c10 has recovered since, c11 still alerts.
        alert("c10", "sales", "WARNING", "toDateTime('2025-03-14 10:05:00')");
        alert("c11", "support", "CRITICAL", "toDateTime('2025-03-14 10:20:00')");
        alert("c12", "sales", "CRITICAL", "toDateTime('2025-03-13 10:20:00')");
        turn("c10", "sales", 1, "toDateTime('2025-03-14 10:05:00')", "-0.5", 1);
        turn("c10", "sales", 2, "toDateTime('2025-03-14 10:07:00')", "0.2", 0);
        turn("c11", "support", 1, "toDateTime('2025-03-14 10:20:00')", "-0.7", 1);

        // Open conversations: c20 getting worse, c21 fine, c24 not scored yet; c22 ended and
        // c23 fell silent two hours ago.
        turn("c20", "sales", 1, "now() - 600", "-0.2", 0);
        turn("c20", "sales", 2, "now() - 300", "-0.6", 1);
        turn("c21", "support", 1, "now() - 120", "0.4", 0);
        turn("c22", "sales", 1, "now() - 60", "-0.9", 1);
        turn("c23", "sales", 1, "now() - 7200", "-0.9", 1);
        turn("c24", "sales", 1, "now() - 30", "NULL", 0);
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.contact_events (event_id, tenant, contact_id, type,"
                        + " event_date, event_time, event_time_ms, queue) SELECT 'e-22',"
                        + " 'default', 'c22', 'ENDED', toDate(now()), now(),"
                        + " toUInt64(now()) * 1000, 'sales'");
    }

    @AfterAll
    static void resumeMerges() {
        CLICKHOUSE.execute("SYSTEM START MERGES " + Table.QUEUE_KPIS.qualifiedName());
    }

    @Test
    void everyPanelAndVariableQueryRunsUnderEachConventionAndFindsRows() {
        List<String> ran = new ArrayList<>();
        for (String convention : CONVENTIONS) {
            for (Dashboards.NamedQuery query : Dashboards.queries(wallboard())) {
                List<List<String>> rows = run(query.sql(), convention);
                assertThat(rows).as(query + " under " + convention).isNotEmpty();
                ran.add(query.toString());
            }
        }
        assertThat(ran).hasSize(3 * 22);
    }

    @Test
    void variablesListTenantsAndTheTenantsQueues() {
        assertThat(run(variableSql("tenant"), "answered_only"))
                .containsExactly(List.of("acme"), List.of("default"));
        assertThat(run(variableSql("queue"), "answered_only"))
                .containsExactly(List.of("sales"), List.of("support"));
    }

    @Test
    void serviceLevelNowPicksTheConventionsColumnOfTheLatestSlidingWindow() {
        String sql = panel("Service level now");
        assertThat(numbers(run(sql, "answered_only"))).containsExactly(0.9, 0.7);
        assertThat(numbers(run(sql, "abandons_count_against"))).containsExactly(0.75, 0.6);
        assertThat(numbers(run(sql, "left_queue"))).containsExactly(0.8, 0.65);

        List<List<String>> vsTarget = run(panel("Service level vs target"), "left_queue");
        assertThat(vsTarget.get(0).get(0)).isEqualTo("sales");
        assertThat(Double.parseDouble(vsTarget.get(0).get(4))).isCloseTo(1.0, within(1e-9));
        assertThat(vsTarget.get(0).get(5)).isEqualTo("answered-only");
    }

    @Test
    void serviceLevelOverTheRangeFollowsEachConventionsDefinition() {
        String sql = panel("Service level (time range)");
        // sales: within 8 + 9 of answered 10 + 9; abandoned 2 + 1, one of them short, and one
        // (not short) within the threshold. support: 3 short abandons only, so no service level.
        List<List<String>> answeredOnly = run(sql, "answered_only");
        assertThat(Double.parseDouble(answeredOnly.get(0).get(1)))
                .isCloseTo(17.0 / 19, within(1e-9));
        assertThat(answeredOnly.get(1)).isEqualTo(Arrays.asList("support", null));

        List<List<String>> against = run(sql, "abandons_count_against");
        assertThat(Double.parseDouble(against.get(0).get(1))).isCloseTo(17.0 / 21, within(1e-9));
        assertThat(against.get(1)).isEqualTo(Arrays.asList("support", null));

        List<List<String>> leftQueue = run(sql, "left_queue");
        assertThat(Double.parseDouble(leftQueue.get(0).get(1))).isCloseTo(18.0 / 21, within(1e-9));
    }

    @Test
    void asaAhtAbandonsOfTheLatestIntervalVersions() {
        assertThat(Double.parseDouble(first(panel("ASA")).get(1)))
                .isCloseTo(145.0 / 19, within(1e-9));
        assertThat(Double.parseDouble(first(panel("AHT")).get(1)))
                .isCloseTo(3080.0 / 19, within(1e-9));
        assertThat(Double.parseDouble(first(panel("Abandon rate")).get(1)))
                .isCloseTo(3.0 / 22, within(1e-9));
        assertThat(run(panel("Short abandons"), "answered_only"))
                .containsExactly(List.of("sales", "1"), List.of("support", "3"));
    }

    @Test
    void liveWaitsAgentsAndStaffingComeFromEachQueuesLatestWindow() {
        assertThat(run(panel("Waiting now"), "answered_only"))
                .containsExactly(List.of("sales", "4"), List.of("support", "1"));
        assertThat(run(panel("Longest current wait"), "answered_only"))
                .containsExactly(List.of("sales", "95"), List.of("support", "30"));
        assertThat(first(panel("Agents by state"))).containsExactly("sales", "3", "5", "1", "2");
        List<String> erlang = first(panel("Erlang C agents required vs staffed"));
        assertThat(erlang.get(0)).isEqualTo("sales");
        assertThat(erlang.subList(2, 5)).containsExactly("7", "5.5", "-1.5");
    }

    @Test
    void slaWarningsAndBreachesCountOnceAndListNewestFirst() {
        assertThat(run(panel("SLA warnings and breaches"), "answered_only"))
                .containsExactly(List.of("1", "3"));
        assertThat(run(panel("Latest breaches"), "answered_only"))
                .extracting(row -> row.subList(1, 8))
                .containsExactly(
                        List.of("NOT_READY", "", "", "a-3", "VOICE", "900", "900"),
                        List.of("HOLD", "c2", "support", "a-7", "VOICE", "120", "120"),
                        List.of("ANSWER", "c1", "sales", "", "VOICE", "20", "20"));
    }

    @Test
    void slaBreachesAnnotationShowsEachBreachOnceNewestFirst() {
        // Read from sla_breaches, which the V055 feed fills on every insert into sla_events: the
        // redelivered b-1 is there twice until a merge, and FINAL shows it once, as on sla_events.
        String sql = Dashboards.annotationQueries(wallboard()).get(0).sql();
        assertThat(run(sql, "answered_only"))
                .extracting(row -> row.subList(1, 3))
                .containsExactly(
                        List.of("NOT_READY breach: a-3 after 900 s", "NOT_READY"),
                        List.of("HOLD breach: support / c2 after 120 s", "HOLD"),
                        List.of("ANSWER breach: sales / c1 after 20 s", "ANSWER"));
    }

    @Test
    void sentimentAlertsAndOpenConversations() {
        assertThat(run(panel("Negative-sentiment alerts"), "answered_only"))
                .containsExactly(List.of("1", "1"));
        assertThat(run(panel("Negative-sentiment alerts, latest first"), "answered_only"))
                .extracting(row -> List.of(row.get(1), row.get(4), row.get(7)))
                .containsExactly(List.of("c11", "CRITICAL", "1"), List.of("c10", "WARNING", "0"));
        assertThat(run(panel("Customer sentiment per open conversation"), "answered_only"))
                .extracting(row -> row.subList(0, 7))
                .containsExactly(
                        List.of("c20", "sales", "a-1", "-0.6", "0", "1", "2"),
                        List.of("c21", "support", "a-1", "0.4", "0", "0", "1"),
                        Arrays.asList("c24", "sales", "a-1", null, "0", "0", "1"));
    }

    private static List<List<String>> run(String sql, String convention) {
        Map<String, List<String>> variables = new HashMap<>();
        variables.put("tenant", List.of("default"));
        variables.put("queue", List.of("sales", "support"));
        variables.put("convention", List.of(convention));
        return CLICKHOUSE.query(GrafanaQuery.expand(sql, variables, FROM, TO));
    }

    private static List<String> first(String sql) {
        return run(sql, "answered_only").get(0);
    }

    private static List<Double> numbers(List<List<String>> rows) {
        return rows.stream().map(row -> Double.parseDouble(row.get(1))).toList();
    }

    private static String panel(String title) {
        return Dashboards.panelSql(wallboard(), title);
    }

    private static String variableSql(String name) {
        return Dashboards.variables(wallboard()).stream()
                .filter(v -> v.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow()
                .path("query")
                .asText();
    }

    private static JsonNode wallboard() {
        return Dashboards.read(Dashboards.moduleDir().resolve("grafana/service-wallboard.json"));
    }

    private static void sla(
            String eventId,
            String tenant,
            String type,
            String kind,
            String contact,
            String agent,
            String queue,
            String time,
            long elapsedMs) {
        long thresholdMs = type.equals("MET") ? 20_000 : elapsedMs;
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.sla_events (event_id, tenant, type, kind, clock_id,"
                        + " subject_type, subject, contact_id, agent_id, queue, channel,"
                        + " event_date, event_time, event_time_ms, threshold_ms, elapsed_ms)"
                        + " SELECT '"
                        + eventId
                        + "', '"
                        + tenant
                        + "', '"
                        + type
                        + "', '"
                        + kind
                        + "', 'clock-"
                        + eventId
                        + "', '"
                        + (contact.isEmpty() ? "AGENT" : "CONTACT")
                        + "', '"
                        + (contact.isEmpty() ? agent : contact)
                        + "', '"
                        + contact
                        + "', '"
                        + agent
                        + "', '"
                        + queue
                        + "', 'VOICE', toDate(t), t, toUInt64(t) * 1000, "
                        + thresholdMs
                        + ", "
                        + elapsedMs
                        + " FROM (SELECT toDateTime('"
                        + time
                        + "') AS t)");
    }

    private static void alert(String contact, String queue, String severity, String timeSql) {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.sentiment_alerts (alert_id, tenant, contact_id, episode,"
                        + " trigger, severity, event_date, event_time, event_time_ms,"
                        + " customer_rolling, queue, agent_id, message, text) SELECT 'al-"
                        + contact
                        + "', 'default', '"
                        + contact
                        + "', 1, 'THRESHOLD', '"
                        + severity
                        + "', toDate(t), t, toUInt64(t) * 1000, -0.6, '"
                        + queue
                        + "', 'a-1', 'customer turning negative', 'this is useless'"
                        + " FROM (SELECT "
                        + timeSql
                        + " AS t)");
    }

    private static void turn(
            String contact, String queue, int turn, String timeSql, String rolling, int alerting) {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.conversation_sentiment (tenant, contact_id, turn,"
                        + " event_id, speaker, event_date, event_time, event_time_ms,"
                        + " customer_rolling, customer_trend, alerting, queue, agent_id) SELECT"
                        + " 'default', '"
                        + contact
                        + "', "
                        + turn
                        + ", 'u-"
                        + contact
                        + "-"
                        + turn
                        + "', 'CUSTOMER', toDate(t), t, toUInt64(t) * 1000, "
                        + rolling
                        + ", 0, "
                        + alerting
                        + ", '"
                        + queue
                        + "', 'a-1' FROM (SELECT "
                        + timeSql
                        + " AS t)");
    }
}
