package io.ringstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

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
        new TrafficGenerator(SPEC).generate(EXPECTED);
        long started = System.nanoTime();
        ClickHouseTrafficInserter.generateInto(SPEC, "127.0.0.1", CLICKHOUSE.httpPort());
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
    void conversionByAgentCreditsTheAgentOfTheCustomersLastContact() {
        // Generated prospects have one handled contact each, so the last-contact rule gives the
        // agent the conversion job credited (LAST_TOUCH): the panel must agree with it.
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
                    .as("customers handled by %s", row.get(0))
                    .isPositive();
        }
        assertThat(shown).isEqualTo(expected);
    }

    /**
     * The occupancy panel's per-agent rule (each event's state until the next event, linear in an
     * agent's events; the view's per-queue membership is quadratic and refused on 30 days, issue
     * 13's benchmark) equals agent_presence_segments over all history whenever an agent joins its
     * queues together and signs out of all of them, as the generator's agents do: over ranges
     * starting before, at and inside the generated shifts.
     */
    @Test
    void occupancyPerAgentEqualsTheViewForAgentsWhoJoinAndLeaveAllQueuesTogether() {
        JsonNode agents = read("agents.json");
        Map<String, List<String>> variables = variables(agents);
        String panel = Dashboards.panelSql(agents, "Occupancy, AHT and contacts handled per agent");
        String overView = resource("occupancy-over-presence-view.sql");
        for (Instant from :
                List.of(
                        SPEC.start(),
                        NOW.truncatedTo(ChronoUnit.DAYS),
                        NOW.minus(Duration.ofHours(6)),
                        NOW.minus(Duration.ofMinutes(30)))) {
            List<List<String>> expected =
                    CLICKHOUSE.query(GrafanaQuery.expand(overView, variables, from, NOW));
            assertThat(expected).as("from " + from).isNotEmpty();
            assertThat(CLICKHOUSE.query(GrafanaQuery.expand(panel, variables, from, NOW)))
                    .as("from " + from)
                    .isEqualTo(expected);
        }
    }

    /**
     * The panels moved onto migration V057's latest-state tables (conversation_latest,
     * contact_milestones: argMax and max states, which a redelivery does not change), and
     * Conversion's sentiment side since moved onto V058's agent_sentiment_days, return what their
     * earlier SQL returned (kept in this package's resources), at the same now, over ranges
     * starting before, at and inside the generated day, ending now and two hours ago (so
     * Conversion's sentiment side reads whole days from the table and its first and last day from
     * the raw rows).
     */
    @Test
    void panelsOverLatestStateTablesEqualTheirSqlOverTheRawTables() {
        String pinnedNow = "toDateTime(" + NOW.getEpochSecond() + ")";
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
                            "conversion.json",
                            "Conversion per agent, with AHT and customer sentiment",
                            "conversion-per-agent-before-v057.sql"
                        },
                        // V058: whole days from agent_sentiment_days, counted per day; the
                        // generator's conversations have no turns on two dates, so per day and
                        // per conversation agree (AgentSentimentDaysPanelITCase: whole days).
                        new String[] {
                            "conversion.json",
                            "Conversion per agent, with AHT and customer sentiment",
                            "conversion-per-agent-before-v058.sql"
                        });
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
                        assertSameRow(shown.get(i), expected.get(i), m[1] + " row " + i);
                    }
                    rows += expected.size();
                }
            }
            assertThat(rows).as(m[1]).isPositive();
        }
        JsonNode conversion = read("conversion.json");
        assertThat(
                        run(
                                Dashboards.panelSql(
                                        conversion,
                                        "Conversion per agent, with AHT and customer sentiment"),
                                variables(conversion)))
                .as("agents with a customer sentiment")
                .anyMatch(row -> row.get(7) != null);
    }

    /**
     * The occupancy panel against occupancy computed here from the generator's agent events, by the
     * panel's rule written out in Java: per agent, its events from a day before the range to its
     * end in time order, each the state until the next (LOGGED_IN is READY, LOGGED_OUT ends
     * presence), clipped to the range; agents whose events in that window name a queue.
     */
    @Test
    void occupancyPerAgentMatchesTheGeneratedAgentEvents() {
        JsonNode agents = read("agents.json");
        Map<String, List<String>> variables = variables(agents);
        String panel = Dashboards.panelSql(agents, "Occupancy, AHT and contacts handled per agent");
        List<String> ranks =
                List.of("LOGGED_IN", "READY", "NOT_READY", "BUSY", "WRAP_UP", "LOGGED_OUT");
        for (Instant start : List.of(SPEC.start(), NOW.minus(Duration.ofHours(6)))) {
            // The panel's bounds are whole seconds ($__fromTime, $__toTime).
            long from = start.getEpochSecond() * 1000;
            long to = NOW.getEpochSecond() * 1000;
            Map<String, List<long[]>> events = new TreeMap<>();
            Map<String, Boolean> namesAQueue = new HashMap<>();
            for (Object[] row : EXPECTED.rows(TrafficTable.AGENT_EVENTS)) {
                long at = ((Number) agentValue(row, "event_time_ms")).longValue();
                int rank = ranks.indexOf((String) agentValue(row, "type"));
                String agent = (String) agentValue(row, "agent_id");
                if (rank < 0 || at / 1000 < from / 1000 - 86400 || at / 1000 > to / 1000) {
                    continue;
                }
                events.computeIfAbsent(agent, a -> new ArrayList<>()).add(new long[] {at, rank});
                if (!((String) agentValue(row, "queue")).isEmpty()) {
                    namesAQueue.put(agent, true);
                }
            }
            Map<String, Double> expected = new TreeMap<>();
            events.forEach(
                    (agent, list) -> {
                        list.sort(
                                (a, b) ->
                                        a[0] != b[0]
                                                ? Long.compare(a[0], b[0])
                                                : Long.compare(a[1], b[1]));
                        long worked = 0, ready = 0, present = 0;
                        for (int i = 0; i < list.size(); i++) {
                            long end = i + 1 < list.size() ? list.get(i + 1)[0] : to;
                            long overlap =
                                    Math.max(0, Math.min(end, to) - Math.max(list.get(i)[0], from));
                            String state = ranks.get((int) list.get(i)[1]);
                            worked += state.equals("BUSY") || state.equals("WRAP_UP") ? overlap : 0;
                            ready +=
                                    state.equals("READY") || state.equals("LOGGED_IN")
                                            ? overlap
                                            : 0;
                            present += state.equals("LOGGED_OUT") ? 0 : overlap;
                        }
                        if (namesAQueue.containsKey(agent) && present > 0) {
                            expected.put(agent, (double) worked / (worked + ready));
                        }
                    });
            assertThat(expected).as("from " + start).isNotEmpty();
            Map<String, Double> shown = new TreeMap<>();
            for (List<String> row :
                    CLICKHOUSE.query(GrafanaQuery.expand(panel, variables, start, NOW))) {
                shown.put(row.get(0), Double.parseDouble(row.get(1)));
            }
            assertThat(shown.keySet()).as("from " + start).isEqualTo(expected.keySet());
            shown.forEach(
                    (agent, occupancy) ->
                            assertThat(occupancy)
                                    .as("%s from %s", agent, start)
                                    .isCloseTo(expected.get(agent), offset(1e-9)));
        }
    }

    /**
     * Equal cells, but a mean may differ in its last bits: ClickHouse adds in the order its threads
     * deliver the rows, which differs from run to run and from one plan to the other.
     */
    private static void assertSameRow(List<String> shown, List<String> expected, String what) {
        assertThat(shown).as(what).hasSameSizeAs(expected);
        for (int c = 0; c < expected.size(); c++) {
            String e = expected.get(c);
            String s = shown.get(c);
            if (e != null && s != null && !e.equals(s) && e.matches("-?[0-9.eE+-]+")) {
                assertThat(Double.parseDouble(s))
                        .as(what + " column " + c)
                        .isCloseTo(Double.parseDouble(e), offset(1e-9));
            } else {
                assertThat(s).as(what + " column " + c).isEqualTo(e);
            }
        }
    }

    private static Object agentValue(Object[] row, String column) {
        return CollectedTraffic.value(TrafficTable.AGENT_EVENTS, row, column);
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
