package io.ringstream.flink.stats;

import io.ringstream.clickhouse.Table;
import io.ringstream.clickhouse.TableSpec;

/** {@code queue_interval_stats} (migration V004) as the interval aggregation fills it. */
public final class QueueIntervalStatsTable {
    private QueueIntervalStatsTable() {}

    public static final TableSpec<QueueIntervalStats> SPEC =
            TableSpec.<QueueIntervalStats>of(Table.QUEUE_INTERVAL_STATS)
                    .column("tenant", QueueIntervalStats::tenant)
                    .column("queue", QueueIntervalStats::queue)
                    .dateTime("interval_start", QueueIntervalStats::intervalStart)
                    .column("interval_minutes", QueueIntervalStats::intervalMinutes)
                    .column("offered", QueueIntervalStats::offered)
                    .column("answered", QueueIntervalStats::answered)
                    .column("abandoned", QueueIntervalStats::abandoned)
                    .column(
                            "answered_within_threshold",
                            QueueIntervalStats::answeredWithinThreshold)
                    .column("threshold_seconds", QueueIntervalStats::thresholdSeconds)
                    .column("total_wait_ms", QueueIntervalStats::totalWaitMillis)
                    .column("total_talk_ms", QueueIntervalStats::totalTalkMillis)
                    .column("version", QueueIntervalStats::version)
                    .dateTime("updated_at", QueueIntervalStats::updatedAt)
                    .build();
}
