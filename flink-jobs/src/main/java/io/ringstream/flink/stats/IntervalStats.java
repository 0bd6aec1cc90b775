package io.ringstream.flink.stats;

import java.util.Objects;

/**
 * The running counters of one queue in one interval, folded from {@link QueueDelta}s, so the live
 * row can be re-emitted at any time while the interval fills.
 *
 * <p>A mutable POJO with public fields because Flink keeps it in keyed state. {@link #version}
 * counts the deltas folded in: it only grows, and the same deltas give the same version, so a
 * ReplacingMergeTree(version) keeps the latest row even when rows are re-emitted after a restore.
 */
public class IntervalStats {
    public String tenant;
    public String queue;
    public long intervalStart;
    public long offered;
    public long answered;
    public long abandoned;
    public long answeredWithinThreshold;
    public long totalWaitMillis;
    public long totalTalkMillis;
    public long version;

    public IntervalStats() {}

    public static IntervalStats empty(String tenant, String queue, long intervalStart) {
        IntervalStats stats = new IntervalStats();
        stats.tenant = tenant;
        stats.queue = queue;
        stats.intervalStart = intervalStart;
        return stats;
    }

    /**
     * Folds one delta in.
     *
     * @throws IllegalArgumentException if the delta belongs to another queue or interval
     */
    public void add(QueueDelta delta) {
        if (!Objects.equals(delta.tenant(), tenant)
                || !Objects.equals(delta.queue(), queue)
                || delta.intervalStart() != intervalStart) {
            throw new IllegalArgumentException(
                    "delta for "
                            + delta.tenant()
                            + "/"
                            + delta.queue()
                            + "@"
                            + delta.intervalStart()
                            + " folded into "
                            + tenant
                            + "/"
                            + queue
                            + "@"
                            + intervalStart);
        }
        offered += delta.offered();
        answered += delta.answered();
        abandoned += delta.abandoned();
        answeredWithinThreshold += delta.answeredWithinThreshold();
        totalWaitMillis += delta.waitMillis();
        totalTalkMillis += delta.talkMillis();
        version++;
    }

    /**
     * The row as stored, stamped with the interval length, the threshold and the time of writing.
     */
    public QueueIntervalStats toRow(int intervalMinutes, int thresholdSeconds, long updatedAt) {
        return new QueueIntervalStats(
                tenant,
                queue,
                intervalStart,
                intervalMinutes,
                offered,
                answered,
                abandoned,
                answeredWithinThreshold,
                thresholdSeconds,
                totalWaitMillis,
                totalTalkMillis,
                version,
                updatedAt);
    }
}
