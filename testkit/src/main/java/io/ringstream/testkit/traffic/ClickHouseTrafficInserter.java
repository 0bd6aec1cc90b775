package io.ringstream.testkit.traffic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes generated rows into ClickHouse through its HTTP interface, one TabSeparated INSERT per
 * table and batch: the fastest path every release (18.16 included) accepts, with no JDBC per-row
 * overhead. A table's buffer is sent when it reaches {@code batchRows} and at the end of each day,
 * so memory stays bounded by one day's rows per table at most.
 */
public final class ClickHouseTrafficInserter implements TrafficSink, AutoCloseable {
    private static final int DEFAULT_BATCH_ROWS = 200_000;

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final String user;
    private final String password;
    private final int batchRows;
    private final Map<TrafficTable, StringBuilder> buffers = new EnumMap<>(TrafficTable.class);
    private final Map<TrafficTable, Integer> buffered = new EnumMap<>(TrafficTable.class);
    private long inserted;

    /** The default user without a password, as the test server and a local `up` run it. */
    public ClickHouseTrafficInserter(String host, int httpPort) {
        this(
                URI.create("http://" + host + ":" + httpPort + "/"),
                "default",
                "",
                DEFAULT_BATCH_ROWS);
    }

    public ClickHouseTrafficInserter(URI base, String user, String password, int batchRows) {
        this.base = base;
        this.user = user;
        this.password = password;
        this.batchRows = batchRows;
    }

    /** Generates {@code spec} straight into ClickHouse; returns the rows written. */
    public static long generateInto(TrafficSpec spec, String host, int httpPort) {
        return generateInto(spec, host, httpPort, sink -> sink);
    }

    /**
     * Generates {@code spec} into ClickHouse through {@code wrap}, a sink that passes the rows on
     * and may add rows derived from them (e.g. agent_kpis); returns the rows written.
     */
    public static long generateInto(
            TrafficSpec spec,
            String host,
            int httpPort,
            java.util.function.UnaryOperator<TrafficSink> wrap) {
        try (ClickHouseTrafficInserter inserter = new ClickHouseTrafficInserter(host, httpPort)) {
            new TrafficGenerator(spec).generate(wrap.apply(inserter));
            inserter.flush();
            return inserter.inserted();
        }
    }

    @Override
    public void row(TrafficTable table, Object[] values) {
        StringBuilder out = buffers.computeIfAbsent(table, t -> new StringBuilder(1 << 16));
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            append(out, values[i]);
        }
        out.append('\n');
        int n = buffered.merge(table, 1, Integer::sum);
        if (n >= batchRows) {
            send(table);
        }
    }

    @Override
    public void dayDone() {
        flush();
    }

    /** Sends every buffered row. */
    public void flush() {
        for (TrafficTable table : TrafficTable.values()) {
            send(table);
        }
    }

    public long inserted() {
        return inserted;
    }

    @Override
    public void close() {
        flush();
    }

    private void send(TrafficTable table) {
        StringBuilder body = buffers.get(table);
        if (body == null || body.length() == 0) {
            return;
        }
        String sql =
                "INSERT INTO "
                        + table.table().qualifiedName()
                        + " ("
                        + String.join(", ", table.columns())
                        + ") FORMAT TabSeparated";
        HttpRequest request =
                HttpRequest.newBuilder(
                                base.resolve(
                                        "/?query="
                                                + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
                        .header("X-ClickHouse-User", user)
                        .header("X-ClickHouse-Key", password)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build();
        try {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException stale) {
                // The server closes a keep-alive connection idle for 3 s (its default); a pause in
                // generation longer than that (a day's derived rows) finds it closed before the
                // request was read. A fresh connection takes the same batch once.
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "insert into " + table + " failed: " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        inserted += buffered.get(table);
        buffered.put(table, 0);
        body.setLength(0);
    }

    /** TabSeparated escaping; DateTime as epoch seconds, which needs no server time zone. */
    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof Instant t) {
            out.append(t.getEpochSecond());
        } else if (value instanceof LocalDate d) {
            out.append(d);
        } else if (value instanceof List<?> list) {
            // An Array: its text form, strings single-quoted (no tabs or newlines in ours).
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                out.append(i > 0 ? "," : "");
                if (item instanceof String s) {
                    out.append('\'').append(s.replace("\\", "\\\\").replace("'", "\\'"));
                    out.append('\'');
                } else {
                    out.append(item);
                }
            }
            out.append(']');
        } else if (value instanceof Boolean b) {
            out.append(b ? 1 : 0);
        } else if (value instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\\' -> out.append("\\\\");
                    default -> out.append(c);
                }
            }
        } else {
            out.append(value);
        }
    }
}
