package io.ringstream.launcher;

import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.clickhouse.Table;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prints the one-line status of a running local system every few seconds. */
final class StatusReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /**
     * Today's figures per queue over every tenant, from the newest version of each interval row of
     * the one KPI engine (FINAL); waiting is each tenant's latest row's.
     */
    static final String QUEUES_TODAY =
            "SELECT queue, sum(a), sum(w), sum(waiting) FROM"
                    + " (SELECT tenant, queue, sum(answered) AS a,"
                    + " sum(answered_within_threshold) AS w,"
                    + " argMax(waiting_now, as_of_ms) AS waiting"
                    + " FROM "
                    + Table.QUEUE_KPIS.qualifiedName()
                    + " FINAL WHERE window_kind = 'interval'"
                    + " AND window_start >= toStartOfDay(now())"
                    + " GROUP BY tenant, queue)"
                    + " GROUP BY queue ORDER BY queue";

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "status");
                        t.setDaemon(true);
                        return t;
                    });
    private final ClickHouseJdbc clickhouse;
    private final LongSupplier eventsPublished;
    private long lastCount;
    private long lastNanos;

    StatusReporter(ClickHouseJdbc clickhouse, LongSupplier eventsPublished) {
        this.clickhouse = clickhouse;
        this.eventsPublished = eventsPublished;
    }

    void start(long everySeconds) {
        lastCount = eventsPublished.getAsLong();
        lastNanos = System.nanoTime();
        timer.scheduleAtFixedRate(this::print, everySeconds, everySeconds, TimeUnit.SECONDS);
    }

    private void print() {
        try {
            long count = eventsPublished.getAsLong();
            long now = System.nanoTime();
            double rate = (count - lastCount) / ((now - lastNanos) / 1e9);
            lastCount = count;
            lastNanos = now;
            System.out.println(
                    LocalTime.now().format(CLOCK) + " " + StatusLine.format(rate, queues()));
        } catch (RuntimeException e) {
            LOG.warn("status query failed", e);
        }
    }

    private List<QueueStatus> queues() {
        return clickhouse.query(QUEUES_TODAY).stream()
                .map(
                        row ->
                                new QueueStatus(
                                        row.get(0),
                                        Long.parseLong(row.get(1)),
                                        Long.parseLong(row.get(2)),
                                        Long.parseLong(row.get(3))))
                .toList();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
