package io.ringstream.analytics.kpi;

import java.util.List;

/**
 * One row of {@code agent_kpis}: an agent's KPIs over one window (interval or UTC day), as of one
 * moment of event time. Definitions in docs/kpis.md ("Agent KPIs"). Ratios are null when their
 * denominator is zero.
 *
 * @param asOf event time the row is complete up to; the state columns are taken at this instant.
 *     Also the row's version: ReplacingMergeTree keeps the latest
 * @param closed the window has ended ({@code asOf == windowEnd}); a closed row never changes
 * @param state the agent's state at {@code asOf}: READY, NOT_READY, BUSY, WRAP_UP or LOGGED_OUT
 * @param stateSinceMs when the agent entered {@code state} (0 when never seen)
 * @param reason the reason of the agent's latest state event ("" when it had none)
 * @param queues sorted: the queues the agent is a member of at {@code asOf}, and those named in the
 *     window by its agent events and its contacts
 */
public record AgentKpiRow(
        String tenant,
        String agentId,
        AgentWindowKind windowKind,
        long windowStart,
        long windowEnd,
        long asOf,
        boolean closed,
        AgentKpiCounters counters,
        Double occupancy,
        Double ahtMs,
        String state,
        long stateSinceMs,
        String reason,
        List<String> queues) {

    public AgentKpiRow {
        queues = List.copyOf(queues);
    }

    /** Rows of one key replace each other in ClickHouse; the latest as-of wins. */
    public long version() {
        return asOf;
    }
}
