package io.ringstream.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringstream.clickhouse.LocalClickHouseServer;
import io.ringstream.routing.wallboard.WallboardQueries;
import io.ringstream.testkit.traffic.ClickHouseTrafficInserter;
import io.ringstream.testkit.traffic.TrafficSpec;
import io.ringstream.testkit.traffic.TrafficTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Issue 13's query benchmark: how long the wallboard's queries and every Grafana panel's query take
 * on 30 days of a 1,000-agent, 20-queue center. Starts its own clickhouse-server in a temp
 * directory, generates the days (ending now, so the "today" panels have data) through the testkit's
 * traffic generator, then times each query {@code runs} times after {@code warmup} runs over one
 * JDBC connection (the driver routing-service uses) and prints p50, p95 and max, with a {@code
 * SELECT 1} through the same connection as the transport floor. A benchmark, not a test: it asserts
 * nothing. Arguments: runs, warm-up runs, days, agents, queues (defaults 30 5 30 1000 20).
 */
public final class QueryLatencyBench {
    /** The Grafana variables' default tenant, so "default/first values" need no override. */
    private static final String TENANT = "default";

    private static final Pattern NOW_MINUS = Pattern.compile("now-(\\d+)([mhd])");

    private QueryLatencyBench() {}

    public static void main(String[] args) throws Exception {
        int runs = arg(args, 0, 30);
        int warmup = arg(args, 1, 5);
        int days = arg(args, 2, 30);
        int agents = arg(args, 3, 1000);
        int queues = arg(args, 4, 20);
        // A sixth argument keeps the server's data there and reuses it on the next run (same
        // sizes, generated a little earlier): for comparing query changes without regenerating.
        boolean keep = args.length > 5;
        Path dir = keep ? Path.of(args[5]) : Files.createTempDirectory("ringstream-query-bench-");
        Path generated = dir.resolve("generated");
        try (LocalClickHouseServer server = LocalClickHouseServer.startOnFreePorts(dir)) {
            server.migrate();
            Instant now = Instant.now();
            if (Files.exists(generated)) {
                System.out.println("reusing the data generated " + Files.readString(generated));
            } else {
                TrafficSpec spec = TrafficSpec.endingAt(TENANT, queues, agents, now, days, 42);
                long started = System.nanoTime();
                long rows =
                        ClickHouseTrafficInserter.generateInto(
                                spec,
                                LocalClickHouseServer.HOST,
                                server.httpPort(),
                                sink -> new AgentKpiTraffic(sink, spec));
                long generateMillis = (System.nanoTime() - started) / 1_000_000;
                System.out.printf(
                        "%d days, %d queues, %d agents: %,d rows generated and inserted in %.1f"
                                + " s%n",
                        days, queues, agents, rows, generateMillis / 1000.0);
                if (keep) {
                    Files.writeString(generated, now.toString());
                }
            }
            try (Connection connection = server.jdbc().connection()) {
                long mergeMillis = awaitMerges(connection, Duration.ofMinutes(5));
                System.out.printf("background merges settled in %.1f s%n", mergeMillis / 1000.0);
                printTableSizes(connection);
                Timer timer = new Timer(connection, runs, warmup);
                List<Result> results = new ArrayList<>();
                results.add(timer.plain("reference", "SELECT 1", "SELECT 1"));
                results.addAll(wallboard(timer, connection, now));
                results.addAll(dashboards(timer, now));
                results.add(occupancyBefore(timer, now));
                print(results, runs, warmup);
            }
        } finally {
            if (!keep) {
                deleteRecursively(dir);
            }
        }
    }

    /** The wallboard's queries, bound exactly as ClickHouseKpiSource binds them. */
    private static List<Result> wallboard(Timer timer, Connection connection, Instant now)
            throws SQLException {
        LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate();
        long dayStartMillis = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        List<String> contacts = currentContacts(connection, 10);
        List<Result> results = new ArrayList<>();
        results.add(
                timer.bound(
                        "wallboard",
                        "queues",
                        WallboardQueries.QUEUES,
                        s -> {
                            s.setString(1, TENANT);
                            s.setLong(2, dayStartMillis / 1000);
                        }));
        results.add(
                timer.bound(
                        "wallboard",
                        "intervals",
                        WallboardQueries.INTERVALS,
                        s -> {
                            s.setString(1, TENANT);
                            s.setLong(2, dayStartMillis / 1000);
                        }));
        results.add(
                timer.bound(
                        "wallboard",
                        "agents",
                        WallboardQueries.AGENTS,
                        s -> {
                            s.setString(1, TENANT);
                            s.setLong(2, dayStartMillis / 1000);
                        }));
        results.add(
                timer.bound(
                        "wallboard",
                        "sentiment (" + contacts.size() + " contacts)",
                        WallboardQueries.sentiment(contacts.size()),
                        s -> {
                            s.setString(1, TENANT);
                            for (int i = 0; i < contacts.size(); i++) {
                                s.setString(i + 2, contacts.get(i));
                            }
                        }));
        return results;
    }

    /** The contacts talking now (what the live view would name), the latest scored first. */
    private static List<String> currentContacts(Connection connection, int limit)
            throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT contact_id FROM ringstream.conversation_sentiment"
                                        + " WHERE tenant = '"
                                        + TENANT
                                        + "' GROUP BY contact_id"
                                        + " ORDER BY max(event_time_ms) DESC LIMIT "
                                        + limit)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * Every variable, panel and annotation query of every dashboard on its default time range,
     * variables at their defaults: tenant "default", a multi-value "All" as every value its query
     * returns (what Grafana sends), a single-value query variable at its first value, a custom one
     * at its current value.
     */
    private static List<Result> dashboards(Timer timer, Instant now) throws SQLException {
        List<Result> results = new ArrayList<>();
        for (Path file : Dashboards.files()) {
            JsonNode dashboard = Dashboards.read(file);
            String uid = dashboard.path("uid").asText();
            Instant from = from(dashboard.path("time").path("from").asText(), now);
            Map<String, List<String>> variables = new HashMap<>();
            for (JsonNode variable : Dashboards.variables(dashboard)) {
                String name = variable.path("name").asText();
                switch (variable.path("type").asText()) {
                    case "query" -> {
                        String sql =
                                variable.path("query").isTextual()
                                        ? variable.path("query").asText()
                                        : variable.path("query").path("rawSql").asText();
                        List<String> values =
                                firstColumn(
                                        timer.connection,
                                        GrafanaQuery.expand(sql, variables, from, now));
                        if (name.equals("tenant")) {
                            values = List.of(TENANT);
                        } else if (!variable.path("multi").asBoolean() && !values.isEmpty()) {
                            values = values.subList(0, 1);
                        } else if (values.isEmpty()) {
                            values = List.of("");
                        }
                        variables.put(name, values);
                    }
                    case "custom" ->
                            variables.put(
                                    name, List.of(variable.path("current").path("value").asText()));
                    default -> {}
                }
            }
            List<Dashboards.NamedQuery> queries = new ArrayList<>(Dashboards.queries(dashboard));
            queries.addAll(Dashboards.annotationQueries(dashboard));
            for (Dashboards.NamedQuery query : queries) {
                results.add(
                        timer.plain(
                                uid,
                                query.where(),
                                GrafanaQuery.expand(query.sql(), variables, from, now)));
            }
        }
        return results;
    }

    /**
     * The Agents occupancy panel as it was before this benchmark (over agent_presence_segments, all
     * history), for the before/after figure in docs/benchmarks.md.
     */
    private static Result occupancyBefore(Timer timer, Instant now) throws Exception {
        JsonNode agents = Dashboards.read(Dashboards.moduleDir().resolve("grafana/agents.json"));
        Map<String, List<String>> variables = new HashMap<>();
        variables.put("tenant", List.of(TENANT));
        String queueSql =
                Dashboards.variables(agents).stream()
                        .filter(v -> v.path("name").asText().equals("queue"))
                        .findFirst()
                        .orElseThrow()
                        .path("query")
                        .asText();
        Instant from = from(agents.path("time").path("from").asText(), now);
        variables.put(
                "queue",
                firstColumn(timer.connection, GrafanaQuery.expand(queueSql, variables, from, now)));
        String sql;
        try (var in =
                QueryLatencyBench.class.getResourceAsStream("occupancy-over-presence-view.sql")) {
            sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        return timer.plain(
                "ringstream-agents",
                "panel Occupancy, AHT and contacts handled per agent, before (over the view)",
                GrafanaQuery.expand(sql, variables, from, now));
    }

    /** Grafana's relative "from" of the forms the dashboards use: now/d, now-Nm, now-Nh, now-Nd. */
    static Instant from(String from, Instant now) {
        if (from.equals("now/d")) {
            return now.truncatedTo(ChronoUnit.DAYS);
        }
        Matcher m = NOW_MINUS.matcher(from);
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported time range start " + from);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> now.minus(Duration.ofMinutes(n));
            case "h" -> now.minus(Duration.ofHours(n));
            default -> now.minus(Duration.ofDays(n));
        };
    }

    private static List<String> firstColumn(Connection connection, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * Waits until no merge has run on the database for 3 s (a live system's steady state: the
     * inserts' parts merged as far as ClickHouse wants), at most {@code limit}; returns the wait. A
     * server still merging at the limit is reported, and the queries run anyway.
     */
    private static long awaitMerges(Connection connection, Duration limit) {
        long started = System.nanoTime();
        try {
            Awaitility.await("background merges")
                    .atMost(limit)
                    .during(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () ->
                                    firstColumn(
                                                    connection,
                                                    "SELECT count() FROM system.merges"
                                                            + " WHERE database = 'ringstream'")
                                            .get(0)
                                            .equals("0"));
        } catch (ConditionTimeoutException e) {
            System.out.println("merges still running after " + limit + ": timing anyway");
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void printTableSizes(Connection connection) throws SQLException {
        System.out.println();
        System.out.println("| Table | Rows | Active parts |");
        System.out.println("|---|---|---|");
        for (TrafficTable table : TrafficTable.values()) {
            String name = table.table().tableName();
            long rows =
                    Long.parseLong(
                            firstColumn(
                                            connection,
                                            "SELECT count() FROM " + table.table().qualifiedName())
                                    .get(0));
            String parts =
                    firstColumn(
                                    connection,
                                    "SELECT count() FROM system.parts WHERE active AND database"
                                            + " = 'ringstream' AND table = '"
                                            + name
                                            + "'")
                            .get(0);
            System.out.printf("| %s | %,d | %s |%n", name, rows, parts);
        }
    }

    private static void print(List<Result> results, int runs, int warmup) {
        System.out.println();
        System.out.printf(
                "%d timed runs after %d warm-up runs each (a query over 1 s on its first run: 1 + 3);"
                        + " p95 over 50 ms marked **%n",
                runs, warmup);
        System.out.println();
        System.out.println("| Source | Query | Rows | Runs | p50 ms | p95 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Result r : results) {
            if (r.error() != null) {
                System.out.printf(
                        "| %s | %s | failed after %.0f ms: %s | | | | |%n",
                        r.source, r.name, r.max(), r.error().replace('\n', ' '));
                continue;
            }
            String mark = r.p95() > 50 ? " **" : "";
            System.out.printf(
                    "| %s | %s | %d | %d | %.1f | %.1f%s | %.1f |%n",
                    r.source,
                    r.name,
                    r.rows,
                    r.millis.length,
                    r.percentile(50),
                    r.p95(),
                    mark,
                    r.max());
        }
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Sets a prepared statement's parameters. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Runs one query warm-up plus timed times, reading every row as a client would. */
    private record Timer(Connection connection, int runs, int warmup) {
        /** A query slower than this on its first run gets one warm-up and SLOW_RUNS timed runs. */
        private static final double SLOW_MILLIS = 1000;

        private static final int SLOW_RUNS = 3;

        Result plain(String source, String name, String sql) throws SQLException {
            double[] millis = new double[runs];
            long rows = 0;
            int planned = warmup + runs;
            for (int i = 0; i < planned; i++) {
                long started = System.nanoTime();
                try (Statement s = connection.createStatement();
                        ResultSet rs = s.executeQuery(sql)) {
                    rows = drain(rs);
                } catch (SQLException e) {
                    // A query the server refuses (memory limit) is a figure too: the table says so.
                    String message = String.valueOf(e.getMessage());
                    int code = message.indexOf("Code: ");
                    return Result.failed(
                            source,
                            name,
                            (System.nanoTime() - started) / 1e6,
                            code < 0
                                    ? message
                                    : message.substring(
                                            code, Math.min(message.length(), code + 90)));
                }
                double took = (System.nanoTime() - started) / 1e6;
                if (i == 0 && took > SLOW_MILLIS) {
                    // Seconds per run: a few runs tell the same story as thirty.
                    planned = 1 + SLOW_RUNS;
                    millis = new double[SLOW_RUNS];
                } else if (i >= planned - millis.length) {
                    millis[i - (planned - millis.length)] = took;
                }
            }
            return new Result(source, name, rows, millis);
        }

        Result bound(String source, String name, String sql, Binder binder) throws SQLException {
            double[] millis = new double[runs];
            long rows = 0;
            int planned = warmup + runs;
            for (int i = 0; i < planned; i++) {
                long started = System.nanoTime();
                try (PreparedStatement s = connection.prepareStatement(sql)) {
                    binder.bind(s);
                    try (ResultSet rs = s.executeQuery()) {
                        rows = drain(rs);
                    }
                }
                double took = (System.nanoTime() - started) / 1e6;
                if (i == 0 && took > SLOW_MILLIS) {
                    planned = 1 + SLOW_RUNS;
                    millis = new double[SLOW_RUNS];
                } else if (i >= planned - millis.length) {
                    millis[i - (planned - millis.length)] = took;
                }
            }
            return new Result(source, name, rows, millis);
        }

        private static long drain(ResultSet rs) throws SQLException {
            int columns = rs.getMetaData().getColumnCount();
            long rows = 0;
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    rs.getString(c);
                }
                rows++;
            }
            return rows;
        }
    }

    /** One query's timings. */
    private record Result(String source, String name, long rows, double[] millis, String error) {
        Result(String source, String name, long rows, double[] millis) {
            this(source, name, rows, millis, null);
        }

        static Result failed(String source, String name, double millis, String error) {
            return new Result(source, name, -1, new double[] {millis}, error);
        }

        double percentile(int p) {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)];
        }

        double p95() {
            return percentile(95);
        }

        double max() {
            return Arrays.stream(millis).max().orElse(0);
        }
    }
}
