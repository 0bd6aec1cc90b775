package io.ringstream.analytics.kpi;

/**
 * One row of {@code queue_kpis}: a queue's KPIs over one window, as of one moment of event time.
 * Definitions in docs/kpis.md. Ratios are null when their denominator is zero.
 *
 * @param windowKind interval (the window may still be filling) or sliding
 * @param asOf event time the row is complete up to; snapshots (waiting now, agents by state) are
 *     taken at this instant. Also the row's version: ReplacingMergeTree keeps the latest
 * @param closed the window has ended ({@code asOf == windowEnd}); a closed row never changes
 * @param counters the additive counters the ratios come from
 * @param longestWaitNowMs how long the oldest contact still waiting at {@code asOf} has waited
 * @param agentsStaffed average number of member agents logged in (any state) over the window so far
 * @param avgWaiting average number of contacts waiting over the window so far
 * @param erlangAgentsRequired Erlang C agents needed for the queue's target at this window's
 *     arrival rate and AHT; 0 without arrivals, null when AHT is unknown (nothing handled yet)
 */
public record QueueKpiRow(
        String tenant,
        String queue,
        WindowKind windowKind,
        long windowStart,
        long windowEnd,
        long asOf,
        boolean closed,
        KpiCounters counters,
        int thresholdSeconds,
        double targetShare,
        long shortAbandonMillis,
        String wallboardConvention,
        Double slAnsweredOnly,
        Double slAbandonsCountAgainst,
        Double slLeftQueue,
        Double serviceLevel,
        Double asaMs,
        Double ahtMs,
        Double occupancy,
        int waitingNow,
        long longestWaitNowMs,
        int agentsReady,
        int agentsNotReady,
        int agentsBusy,
        int agentsWrapUp,
        double agentsStaffed,
        double avgWaiting,
        Integer erlangAgentsRequired) {

    /** Rows of one key replace each other in ClickHouse; the latest as-of wins. */
    public long version() {
        return asOf;
    }
}
