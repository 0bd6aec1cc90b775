package io.ringstream.dashboards;

import io.ringstream.clickhouse.Table;
import io.ringstream.testkit.ClickHouseExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.StringJoiner;

/**
 * Writes {@code queue_kpis} rows for the dashboards' query tests, shaped like the service-level
 * job's: both wallboards read that table, so their tests fill it one way. Columns a test does not
 * name keep their defaults.
 */
final class QueueKpiRows {
    private final ClickHouseExtension clickhouse;

    QueueKpiRows(ClickHouseExtension clickhouse) {
        this.clickhouse = clickhouse;
    }

    /**
     * One row.
     *
     * @param kind {@code interval} or {@code sliding}
     * @param windowStartSql SQL giving the window's start, e.g. {@code toDateTime(1741946400)}
     * @param minutes the window's length
     * @param version the ReplacingMergeTree version: the highest of a window wins under FINAL
     * @param assignments the columns the test cares about, e.g. {@code "offered=5, answered=4"}
     */
    void insert(
            String tenant,
            String queue,
            String kind,
            String windowStartSql,
            int minutes,
            long version,
            String assignments) {
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        for (String assignment : assignments.split(",\\s*")) {
            String[] parts = assignment.split("=", 2);
            columns.add(parts[0].strip());
            values.add(parts[1].strip());
        }
        clickhouse.execute(
                "INSERT INTO "
                        + Table.QUEUE_KPIS.qualifiedName()
                        + " (tenant, queue, window_kind, window_start, window_end, window_minutes,"
                        + " version, "
                        + columns
                        + ") SELECT '"
                        + tenant
                        + "', '"
                        + queue
                        + "', '"
                        + kind
                        + "', ws, ws + "
                        + minutes * 60
                        + ", "
                        + minutes
                        + ", "
                        + version
                        + ", "
                        + values
                        + " FROM (SELECT "
                        + windowStartSql
                        + " AS ws)");
    }

    /**
     * One emission of a window as the job writes it: complete up to {@code asOf} after the window's
     * start, {@code version = as_of_ms}, closed once {@code asOf} reaches the window's end. Later
     * emissions of a window therefore carry higher versions.
     */
    void emit(
            String tenant,
            String queue,
            String kind,
            Instant windowStart,
            int minutes,
            Duration asOf,
            String assignments) {
        long asOfMs = windowStart.plus(asOf).toEpochMilli();
        boolean closed = asOf.compareTo(Duration.ofMinutes(minutes)) >= 0;
        insert(
                tenant,
                queue,
                kind,
                "toDateTime(" + windowStart.getEpochSecond() + ")",
                minutes,
                asOfMs,
                "as_of=toDateTime("
                        + Math.floorDiv(asOfMs, 1000)
                        + "), as_of_ms="
                        + asOfMs
                        + ", closed="
                        + (closed ? 1 : 0)
                        + ", "
                        + assignments);
    }
}
