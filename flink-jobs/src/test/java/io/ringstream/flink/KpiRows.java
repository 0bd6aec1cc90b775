package io.ringstream.flink;

import io.ringstream.clickhouse.Table;
import io.ringstream.testkit.ClickHouseExtension;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads what the jobs wrote, the way analysts must: with FINAL, one tenant at a time. */
public final class KpiRows {
    private KpiRows() {}

    /** The counters of one queue_kpis interval row, or an empty map while there is none. */
    public static Map<String, Long> interval(
            ClickHouseExtension clickhouse, String tenant, String queue, long intervalStart) {
        List<List<String>> rows =
                clickhouse.query(
                        "SELECT offered, answered, abandoned, answered_within_threshold,"
                                + " total_wait_ms, talk_ms, threshold_seconds, window_minutes FROM "
                                + Table.QUEUE_KPIS.qualifiedName()
                                + " FINAL WHERE window_kind = 'interval' AND tenant = '"
                                + tenant
                                + "' AND queue = '"
                                + queue
                                + "' AND window_start = toDateTime("
                                + intervalStart / 1000
                                + ")");
        if (rows.isEmpty()) {
            return Map.of();
        }
        if (rows.size() > 1) {
            throw new AssertionError("FINAL returned " + rows.size() + " rows for one interval");
        }
        List<String> r = rows.get(0);
        Map<String, Long> values = new TreeMap<>();
        String[] names = {
            "offered",
            "answered",
            "abandoned",
            "within",
            "waitMs",
            "talkMs",
            "thresholdS",
            "minutes"
        };
        for (int i = 0; i < names.length; i++) {
            values.put(names[i], Long.parseLong(r.get(i)));
        }
        return values;
    }

    /** Expected counters, in the same shape as {@link #interval}. */
    public static Map<String, Long> expected(
            long offered,
            long answered,
            long abandoned,
            long within,
            long waitMs,
            long talkMs,
            long thresholdS,
            long minutes) {
        return new TreeMap<>(
                Map.of(
                        "offered", offered,
                        "answered", answered,
                        "abandoned", abandoned,
                        "within", within,
                        "waitMs", waitMs,
                        "talkMs", talkMs,
                        "thresholdS", thresholdS,
                        "minutes", minutes));
    }

    /** Rows of a raw table for a tenant, deduplicated by FINAL. */
    public static long rawCount(ClickHouseExtension clickhouse, String table, String tenant) {
        return clickhouse.queryLong(
                "SELECT count() FROM " + table + " FINAL WHERE tenant = '" + tenant + "'");
    }

    /** Distinct event ids of a raw table for a tenant. */
    public static long distinctEvents(ClickHouseExtension clickhouse, String table, String tenant) {
        return clickhouse.queryLong(
                "SELECT uniqExact(event_id) FROM " + table + " WHERE tenant = '" + tenant + "'");
    }
}
