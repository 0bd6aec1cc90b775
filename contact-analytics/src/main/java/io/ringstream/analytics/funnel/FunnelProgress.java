package io.ringstream.analytics.funnel;

import java.util.List;

/**
 * A customer's furthest step in one funnel episode, as the tracker emits it when it grows: the row
 * the job upserts into {@code funnel_progress}, keyed by (tenant, funnel, customer, episode start)
 * with {@link #stepsReached} as the version. The customer's furthest step over all time, what
 * ClickHouse's windowFunnel answers, is the largest {@code stepsReached} over the episodes.
 *
 * @param episodeStart the first step-1 event of the episode; an episode ends when no attempt of it
 *     can go on (every one is complete, broken or past its window)
 * @param windowStart the first step's time of the attempt that reached this far (the window runs to
 *     {@code windowStart + windowMillis}, inclusive)
 * @param stepsReached how many steps, 1..{@link #stepCount}
 * @param steps the attempt's steps, in order, {@code stepsReached} of them
 */
public record FunnelProgress(
        String tenant,
        String funnelId,
        String customerId,
        long episodeStart,
        long windowStart,
        int stepsReached,
        int stepCount,
        List<StepHit> steps) {

    public FunnelProgress {
        steps = List.copyOf(steps);
    }

    /** Whether the attempt reached the last step. */
    public boolean converted() {
        return stepsReached == stepCount;
    }
}
