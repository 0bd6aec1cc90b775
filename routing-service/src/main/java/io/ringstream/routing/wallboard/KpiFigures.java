package io.ringstream.routing.wallboard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The wallboard's figures of today (the UTC day) from ClickHouse, refreshed every {@code
 * ringstream.wallboard.kpi-refresh}. docs/wallboard.md says where each comes from.
 *
 * @param asOf when these figures were read, epoch ms; null when ClickHouse has not answered yet
 * @param stale true when the last read failed: these are the last figures read (or none)
 */
@Serdeable
public record KpiFigures(
        @Nullable Long asOf,
        boolean stale,
        List<QueueToday> queues,
        List<AgentToday> agents,
        List<Interval> intervals) {

    /**
     * One queue today, from the summed counters of its {@code queue_kpis} interval rows.
     *
     * @param abandonRate abandoned ÷ offered; null when nothing was offered
     * @param serviceLevel under {@code slConvention}, 0..1; null when its denominator is 0
     * @param slTargetShare the queue's target share (e.g. 0.8 of 80/20), from its latest row
     * @param slThresholdSeconds the T of the target (20 of 80/20), from its latest row
     * @param agentsRequired Erlang C agents required, from the latest interval row; null when
     *     unknown
     * @param agentsStaffed average agents logged in over the latest interval
     */
    @Serdeable
    public record QueueToday(
            String queue,
            long offered,
            long answered,
            long abandoned,
            @Nullable Double abandonRate,
            @Nullable Double serviceLevel,
            String slConvention,
            @Nullable Double slTargetShare,
            @Nullable Long slThresholdSeconds,
            @Nullable Double asaSeconds,
            @Nullable Double ahtSeconds,
            @Nullable Long agentsRequired,
            @Nullable Double agentsStaffed) {}

    /**
     * One agent today.
     *
     * @param contactsToday contacts it answered today
     * @param ahtSeconds (talk + wrap-up) ÷ talks ended today; null when none ended
     * @param occupancy (busy + wrap-up) ÷ (busy + wrap-up + ready) time today; null when none
     * @param sentiment the latest customer rolling sentiment of its current contact (-1..1); null
     *     without a scored current contact
     */
    @Serdeable
    public record AgentToday(
            String agentId,
            long contactsToday,
            @Nullable Double ahtSeconds,
            @Nullable Double occupancy,
            @Nullable Double sentiment) {}

    /** One 15-minute interval of today, all queues together. */
    @Serdeable
    public record Interval(
            long start,
            long offered,
            long answered,
            long abandoned,
            @Nullable Double serviceLevel) {}

    /** Before ClickHouse ever answered for this tenant. */
    public static KpiFigures unavailable() {
        return new KpiFigures(null, true, List.of(), List.of(), List.of());
    }

    /** The same figures, marked stale (the latest read failed). */
    public KpiFigures asStale() {
        return new KpiFigures(asOf, true, queues, agents, intervals);
    }
}
