package io.ringstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.traffic.ClickHouseTrafficInserter;
import io.ringstream.testkit.traffic.CollectedTraffic;
import io.ringstream.testkit.traffic.TrafficGenerator;
import io.ringstream.testkit.traffic.TrafficSpec;
import io.ringstream.testkit.traffic.TrafficTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No panel is empty on a generated day: one day of a 3-queue, 30-agent center ending now is
 * generated into a real clickhouse-server, and every variable, panel and annotation of every
 * dashboard of the operational set runs over it (expanded as Grafana would, variables set to what
 * their own queries return) and must return rows; a few figures are checked against the generator's
 * own rows. The generator fills the funnel and customer-value tables too, so Conversion and
 * Customers are in the set like the others.
 */
class GeneratedDayPanelsITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final String TENANT = "generated";
    private static final Instant NOW = Instant.now();
    private static final TrafficSpec SPEC = TrafficSpec.endingAt(TENANT, 3, 30, NOW, 1, 42);
    private static final CollectedTraffic EXPECTED = new CollectedTraffic();
    private static long insertMillis;

    @BeforeAll
    static void generateADay() {
        CLICKHOUSE.truncateAll();
        new TrafficGenerator(SPEC).generate(new AgentKpiTraffic(EXPECTED, SPEC));
        long started = System.nanoTime();
        ClickHouseTrafficInserter.generateInto(
                SPEC, "127.0.0.1", CLICKHOUSE.httpPort(), sink -> new AgentKpiTraffic(sink, SPEC));
        insertMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("generated and inserted one day in " + insertMillis + " ms");
    }

    @Test
    void everyVariablePanelAndAnnotationReturnsRows() {
        List<String> ran = new ArrayList<>();
        for (Path file : Dashboards.files()) {
            JsonNode dashboard = Dashboards.read(file);
            Map<String, List<String>> variables = variables(dashboard);
            List<Dashboards.NamedQuery> queries = new ArrayList<>(Dashboards.queries(dashboard));
            queries.addAll(Dashboards.annotationQueries(dashboard));
            for (Dashboards.NamedQuery query : queries) {
                List<List<String>> rows = run(query.sql(), variables);
                assertThat(rows).as(query.toString()).isNotEmpty();
                ran.add(query.toString());
            }
        }
        assertThat(ran).hasSizeGreaterThan(55);
    }

    @Test
    void figuresMatchTheGeneratedRows() {
        JsonNode routing = read("routing.json");
        Map<String, List<String>> variables = variables(routing);
        List<String> headline =
                run(Dashboards.panelSql(routing, "Decisions, relaxed, overflowed"), variables)
                        .get(0);
        assertThat(Long.parseLong(headline.get(0)))
                .isEqualTo(EXPECTED.rows(TrafficTable.ROUTING_DECISIONS).size());

        JsonNode dead = read("dead-letters.json");
        assertThat(run(Dashboards.panelSql(dead, "Dead letters"), variables(dead)).get(0).get(0))
                .isEqualTo(Integer.toString(EXPECTED.rows(TrafficTable.DEAD_LETTERS).size()));

        JsonNode agents = read("agents.json");
        long handled = 0;
        for (List<String> row :
                run(
                        Dashboards.panelSql(agents, "Contacts handled per 15 minutes"),
                        variables(agents))) {
            handled += Long.parseLong(row.get(1));
        }
        assertThat(handled)
                .isEqualTo(
                        EXPECTED.where(TrafficTable.CONTACT_EVENTS, "type", "TALK_ENDED").size());
    }

    @Test
    void funnelAndValueFiguresMatchTheGeneratedRows() {
        JsonNode conversion = read("conversion.json");
        List<String> totals =
                run(
                                Dashboards.panelSql(conversion, "Entered, converted, conversion"),
                                variables(conversion))
                        .get(0);
        assertThat(Long.parseLong(totals.get(0)))
                .isEqualTo(EXPECTED.rows(TrafficTable.FUNNEL_PROGRESS).size());
        assertThat(Long.parseLong(totals.get(1)))
                .isEqualTo(EXPECTED.where(TrafficTable.FUNNEL_PROGRESS, "converted", 1).size());

        JsonNode customers = read("customers.json");
        List<String> scored =
                run(Dashboards.panelSql(customers, "Customers scored"), variables(customers))
                        .get(0);
        assertThat(Long.parseLong(scored.get(0)))
                .isEqualTo(
                        EXPECTED
                                .where(TrafficTable.BUSINESS_EVENTS, "type", "BOOKING_MADE")
                                .stream()
                                .map(
                                        r ->
                                                CollectedTraffic.value(
                                                        TrafficTable.BUSINESS_EVENTS,
                                                        r,
                                                        "customer_id"))
                                .distinct()
                                .count());
    }

    @Test
    void conversionByAgentCreditsTheAgentTheFunnelCredited() {
        // Since V062 the panel reads the conversion job's per-agent rows: the converted episodes
        // of the day's entries, per the agent funnel_progress credits.
        Map<String, Long> expected = new TreeMap<>();
        for (Object[] p : EXPECTED.where(TrafficTable.FUNNEL_PROGRESS, "converted", 1)) {
            expected.merge(
                    (String)
                            CollectedTraffic.value(
                                    TrafficTable.FUNNEL_PROGRESS, p, "credited_agent_id"),
                    1L,
                    Long::sum);
        }
        assertThat(expected).isNotEmpty();
        JsonNode agents = read("agents.json");
        Map<String, Long> shown = new TreeMap<>();
        for (List<String> row :
                run(Dashboards.panelSql(agents, "Conversion by agent"), variables(agents))) {
            shown.put(row.get(0), Long.parseLong(row.get(1)));
            assertThat(Long.parseLong(row.get(2)))
                    .as("contacts handled by %s", row.get(0))
                    .isPositive();
        }
        assertThat(shown).isEqualTo(expected);
    }

    /**
     * The per-agent panels read agent_kpis, which the generator's sink fills by the SLA job's own
     * rules (AgentKpiTraffic): the occupancy panel equals occupancy, handled and AHT computed here
     * from those rows (the interval rows starting in the range, agents in a selected queue in the
     * interval), over ranges starting before, at and inside the generated shifts; and the rows'
     * state time equals the generator's own presence (its agents' state changes), so the rules and
     * the generator agree.
     */
    @Test
    void occupancyPerAgentMatchesTheAgentKpiRows() {
        JsonNode agents = read("agents.json");
        Map<String, List<String>> variables = variables(agents);
        String panel = Dashboards.panelSql(agents, "Occupancy, AHT and contacts handled per agent");
        List<String> queues = variables.get("queue");
        for (Instant start :
                List.of(
                        SPEC.start(),
                        NOW.truncatedTo(ChronoUnit.DAYS),
                        NOW.minus(Duration.ofHours(6)),
                        NOW.minus(Duration.ofMinutes(30)))) {
            // The panel's bounds are whole seconds ($__fromTime, $__toTime).
            long from = start.getEpochSecond() * 1000;
            long to = NOW.getEpochSecond() * 1000;
            Map<String, long[]> sums = new TreeMap<>();
            for (Object[] row : EXPECTED.rows(TrafficTable.AGENT_KPIS)) {
                long windowStart = ((Instant) kpiValue(row, "window_start")).toEpochMilli();
                if (!"interval".equals(kpiValue(row, "window_kind"))
                        || windowStart < from
                        || windowStart > to) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                List<String> in = (List<String>) kpiValue(row, "queues");
                if (in.stream().noneMatch(queues::contains)) {
                    continue;
                }
                long[] s =
                        sums.computeIfAbsent((String) kpiValue(row, "agent_id"), k -> new long[5]);
                long busy = n(row, "busy_ms") + n(row, "agent_wrap_up_ms");
                s[0] += busy;
                s[1] += n(row, "ready_ms");
                s[2] += busy + n(row, "ready_ms") + n(row, "not_ready_ms");
                s[3] += n(row, "handled");
                s[4] += n(row, "talk_ms") + n(row, "hold_ms") + n(row, "wrap_up_ms");
            }
            Map<String, String> expected = new TreeMap<>();
            sums.forEach(
                    (agent, s) -> {
                        if (s[2] > 0) {
                            expected.put(
                                    agent,
                                    (s[0] + s[1] == 0 ? "null" : s[0] / (double) (s[0] + s[1]))
                                            + " "
                                            + s[3]
                                            + " "
                                            + (s[3] == 0 ? "null" : s[4] / 1000.0 / s[3]));
                        }
                    });
            assertThat(expected).as("from " + start).isNotEmpty();
            Map<String, String> shown = new TreeMap<>();
            for (List<String> row :
                    CLICKHOUSE.query(GrafanaQuery.expand(panel, variables, start, NOW))) {
                shown.put(
                        row.get(0),
                        (row.get(1) == null ? "null" : Double.parseDouble(row.get(1)))
                                + " "
                                + row.get(2)
                                + " "
                                + (row.get(3) == null ? "null" : Double.parseDouble(row.get(3))));
            }
            assertThat(shown).as("from " + start).isEqualTo(expected);
        }
    }

    /** The rules' presence equals the generator's: each agent's day of state time, in total. */
    @Test
    void agentKpiStateTimeEqualsTheGeneratedPresence() {
        Map<String, Long> generated = new TreeMap<>();
        Map<String, List<long[]>> events = new TreeMap<>();
        List<String> states = List.of("LOGGED_IN", "READY", "NOT_READY", "BUSY", "WRAP_UP");
        for (Object[] row : EXPECTED.rows(TrafficTable.AGENT_EVENTS)) {
            String type = (String) agentValue(row, "type");
            long at = ((Number) agentValue(row, "event_time_ms")).longValue();
            int present = states.contains(type) ? 1 : type.equals("LOGGED_OUT") ? 0 : -1;
            if (present >= 0) {
                events.computeIfAbsent((String) agentValue(row, "agent_id"), k -> new ArrayList<>())
                        .add(new long[] {at, present});
            }
        }
        long cutoff = SPEC.cutoff().toEpochMilli();
        events.forEach(
                (agent, list) -> {
                    list.sort((x, y) -> Long.compare(x[0], y[0]));
                    long total = 0;
                    for (int i = 0; i < list.size(); i++) {
                        long end = i + 1 < list.size() ? list.get(i + 1)[0] : cutoff;
                        total += list.get(i)[1] == 1 ? Math.max(0, end - list.get(i)[0]) : 0;
                    }
                    generated.put(agent, total);
                });
        Map<String, Long> rows = new TreeMap<>();
        for (Object[] row : EXPECTED.rows(TrafficTable.AGENT_KPIS)) {
            if ("day".equals(kpiValue(row, "window_kind"))) {
                rows.merge(
                        (String) kpiValue(row, "agent_id"),
                        n(row, "ready_ms")
                                + n(row, "not_ready_ms")
                                + n(row, "busy_ms")
                                + n(row, "agent_wrap_up_ms"),
                        Long::sum);
            }
        }
        generated.values().removeIf(v -> v == 0);
        assertThat(rows).isEqualTo(generated);
    }

    private static Object kpiValue(Object[] row, String column) {
        return CollectedTraffic.value(TrafficTable.AGENT_KPIS, row, column);
    }

    private static long n(Object[] row, String column) {
        return ((Number) kpiValue(row, column)).longValue();
    }

    private static Object agentValue(Object[] row, String column) {
        return CollectedTraffic.value(TrafficTable.AGENT_EVENTS, row, column);
    }

    /**
     * The panels moved onto the latest-state tables of migrations V057 (conversation_latest,
     * contact_milestones) and V060 (agent_latest), argMax and max states which a redelivery does
     * not change, the sentiment alerts list that now looks up only its 50 rows' conversations, and
     * the state timeline that picks its agents by their KPI day rows, return what their earlier SQL
     * returned (kept in this package's resources), at the same now, over ranges starting before, at
     * and inside the generated day, ending now and two hours ago. Conversion per agent reads the
     * jobs' day rows (agent_kpis, agent_sentiment_days): ConversionDashboardQueriesITCase and
     * AgentSentimentDaysPanelITCase.
     */
    @Test
    void panelsOverLatestStateTablesEqualTheirSqlOverTheRawTables() {
        List<String[]> moved =
                List.of(
                        new String[] {
                            "service-wallboard.json",
                            "Customer sentiment per open conversation",
                            "open-conversations-before-v057.sql"
                        },
                        new String[] {
                            "routing.json",
                            "Time to offer per 15 minutes",
                            "time-to-offer-before-v057.sql"
                        },
                        new String[] {
                            "queue-wallboard.json",
                            "Agents by state",
                            "agents-by-state-before-v060.sql"
                        },
                        new String[] {
                            "queue-wallboard.json", "Agent states", "agent-states-before-v060.sql"
                        },
                        new String[] {
                            "service-wallboard.json",
                            "Negative-sentiment alerts, latest first",
                            "sentiment-alerts-latest-first-before-limit.sql"
                        },
                        new String[] {
                            "agents.json",
                            "Agent state timeline",
                            "agent-state-timeline-before-agent-kpis.sql"
                        });
        assertEqualToTheirFormerSql(moved);
        JsonNode conversion = read("conversion.json");
        assertThat(
                        run(
                                Dashboards.panelSql(
                                        conversion,
                                        "Conversion per agent, with AHT and customer sentiment"),
                                variables(conversion)))
                .as("agents with an AHT and a customer sentiment")
                .anyMatch(row -> row.get(5) != null && row.get(7) != null);
    }

    /**
     * The Routing panels read routing_decisions_by_time (V059: the same decisions, sorted by day)
     * and return what their SQL over routing_decisions returned (kept in this package's resources).
     */
    @Test
    void routingPanelsOverTheTimeSortedCopyEqualTheirSqlOverRoutingDecisions() {
        assertThat(
                        CLICKHOUSE.query(
                                "SELECT count() FROM ringstream.routing_decisions_by_time FINAL"))
                .containsExactly(
                        List.of(
                                Integer.toString(
                                        EXPECTED.rows(TrafficTable.ROUTING_DECISIONS).size())));
        List<String[]> moved = new ArrayList<>();
        for (String[] panel :
                List.of(
                        new String[] {
                            "Decisions, relaxed, overflowed", "decisions-relaxed-overflowed"
                        },
                        new String[] {"Decisions per step", "decisions-per-step"},
                        new String[] {"Why candidates were passed over", "why-passed-over"},
                        new String[] {
                            "Relaxation and overflow per 15 minutes", "relaxation-and-overflow"
                        },
                        new String[] {"Time to offer per 15 minutes", "time-to-offer"},
                        new String[] {
                            "Decisions per queue (click a queue to see its agents)",
                            "decisions-per-queue"
                        })) {
            moved.add(new String[] {"routing.json", panel[0], panel[1] + "-before-v059.sql"});
        }
        assertEqualToTheirFormerSql(moved);
    }

    /**
     * Each {dashboard, panel, former SQL resource} panel returns the same rows as its former SQL at
     * the same now, over ranges starting before, at and inside the generated day, ending now and
     * two hours ago.
     */
    private static void assertEqualToTheirFormerSql(List<String[]> moved) {
        String pinnedNow = "toDateTime(" + NOW.getEpochSecond() + ")";
        for (String[] m : moved) {
            JsonNode dashboard = read(m[0]);
            Map<String, List<String>> variables = variables(dashboard);
            String panel = Dashboards.panelSql(dashboard, m[1]).replace("now()", pinnedNow);
            String before = resource(m[2]).replace("now()", pinnedNow);
            int rows = 0;
            for (Instant from :
                    List.of(
                            SPEC.start(),
                            NOW.truncatedTo(ChronoUnit.DAYS),
                            NOW.minus(Duration.ofHours(6)))) {
                for (Instant to : List.of(NOW, NOW.minus(Duration.ofHours(2)))) {
                    if (!from.isBefore(to)) {
                        continue;
                    }
                    List<List<String>> expected =
                            CLICKHOUSE.query(GrafanaQuery.expand(before, variables, from, to));
                    List<List<String>> shown =
                            CLICKHOUSE.query(GrafanaQuery.expand(panel, variables, from, to));
                    assertThat(shown)
                            .as("%s from %s to %s", m[1], from, to)
                            .hasSameSizeAs(expected);
                    for (int i = 0; i < expected.size(); i++) {
                        PanelRows.assertSameRow(
                                shown.get(i),
                                expected.get(i),
                                m[1] + " row " + i,
                                PanelRows.ABSOLUTE);
                    }
                    rows += expected.size();
                }
            }
            assertThat(rows).as(m[1]).isPositive();
        }
    }

    private static String resource(String name) {
        try (InputStream in = GeneratedDayPanelsITCase.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each variable set to every value its own query returns, in order (tenant first). */
    private static Map<String, List<String>> variables(JsonNode dashboard) {
        Map<String, List<String>> values = new HashMap<>();
        for (JsonNode variable : Dashboards.variables(dashboard)) {
            String name = variable.path("name").asText();
            switch (variable.path("type").asText()) {
                case "query" -> {
                    String sql =
                            variable.path("query").isTextual()
                                    ? variable.path("query").asText()
                                    : variable.path("query").path("rawSql").asText();
                    List<String> found = new ArrayList<>();
                    run(sql, values).forEach(r -> found.add(r.get(0)));
                    assertThat(found).as(dashboard.path("uid").asText() + " $" + name).isNotEmpty();
                    values.put(name, name.equals("tenant") ? List.of(TENANT) : found);
                    if (name.equals("tenant")) {
                        assertThat(found).contains(TENANT);
                    }
                }
                case "custom" ->
                        values.put(name, List.of(variable.path("current").path("value").asText()));
                default -> {}
            }
        }
        return values;
    }

    private static List<List<String>> run(String sql, Map<String, List<String>> variables) {
        return CLICKHOUSE.query(GrafanaQuery.expand(sql, variables, SPEC.start(), NOW));
    }

    private static JsonNode read(String name) {
        return Dashboards.read(Dashboards.moduleDir().resolve("grafana").resolve(name));
    }
}
