package io.ringstream.analytics.kpi;

import io.ringstream.events.AgentEvent;
import java.util.Comparator;

/**
 * One input of an agent's KPI aggregation: either one of its own events (state and membership) or a
 * contact fact counted for it. One type, so an operator buffers both in one event-time order.
 *
 * @param event the agent's event, or null
 * @param fact a contact fact with {@link KpiFact#forAgents()}, or null
 */
public record AgentKpiInput(long time, AgentEvent event, KpiFact fact) {

    /**
     * Event time; within a millisecond the agent's events first (in {@link AgentKpiTracker#ORDER}),
     * then contact facts in arrival order (the sort is stable): the state columns are the same
     * either way, counters do not depend on it.
     */
    public static final Comparator<AgentKpiInput> ORDER =
            Comparator.comparingLong(AgentKpiInput::time)
                    .thenComparing(i -> i.event() == null ? 1 : 0)
                    .thenComparing(
                            (a, b) ->
                                    a.event() == null || b.event() == null
                                            ? 0
                                            : AgentKpiTracker.ORDER.compare(a.event(), b.event()));

    public static AgentKpiInput of(AgentEvent e) {
        return new AgentKpiInput(e.eventTime(), e, null);
    }

    public static AgentKpiInput of(KpiFact f) {
        return new AgentKpiInput(f.time(), null, f);
    }

    public String tenant() {
        return event != null ? event.tenant() : fact.tenant();
    }

    public String agentId() {
        return event != null ? event.agentId() : fact.agentId();
    }

    /** The key per-agent aggregation partitions by: tenant and agent. */
    public String key() {
        return tenant() + '\u001f' + agentId();
    }
}
