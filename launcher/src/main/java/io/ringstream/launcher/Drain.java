package io.ringstream.launcher;

import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.clickhouse.Table;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, on a clean stop, until the queue KPIs account for every queued, answered and abandoned
 * contact already stored raw. Interval rows follow the watermark, refreshed every few seconds;
 * without this wait, a stop could save the last seconds in the job's state but not yet in
 * ClickHouse.
 */
final class Drain {
    static final String RAW =
            "SELECT countIf(type = 'QUEUED'), countIf(type = 'ANSWERED'),"
                    + " countIf(type = 'ABANDONED') FROM "
                    + Table.CONTACT_EVENTS.qualifiedName()
                    + " FINAL";
    static final String STATS =
            "SELECT sum(offered), sum(answered), sum(abandoned) FROM "
                    + Table.QUEUE_KPIS.qualifiedName()
                    + " FINAL WHERE window_kind = 'interval'";

    private Drain() {}

    /** Returns whether the statistics caught up within {@code timeout}. */
    static boolean awaitStatsMatchRaw(ClickHouseJdbc clickhouse, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> raw = clickhouse.query(RAW).get(0);
            List<String> stats = clickhouse.query(STATS).get(0);
            if (raw.equals(stats)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }
}
