package io.ringstream.flink.stats;

/**
 * One row of {@code ringstream.queue_interval_stats}: a queue's KPIs for one interval, as of {@link
 * #version}. Counts follow the interval-of-arrival convention of {@link ContactTracker}.
 *
 * @param intervalStart epoch millis, UTC-aligned
 * @param version deltas folded in so far; ReplacingMergeTree(version) keeps the highest
 * @param updatedAt epoch millis of the emission (processing time)
 */
public record QueueIntervalStats(
        String tenant,
        String queue,
        long intervalStart,
        int intervalMinutes,
        long offered,
        long answered,
        long abandoned,
        long answeredWithinThreshold,
        int thresholdSeconds,
        long totalWaitMillis,
        long totalTalkMillis,
        long version,
        long updatedAt) {

    /** Offered but neither answered nor abandoned in this queue (yet): waiting, or left it. */
    public long waiting() {
        return offered - answered - abandoned;
    }
}
