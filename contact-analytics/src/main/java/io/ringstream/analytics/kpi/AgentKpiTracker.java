package io.ringstream.analytics.kpi;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns one agent's events, applied in event-time order, into the agent's presence in each queue
 * ({@link KpiFact}s of type AGENT_STATE, emitted when it changes). The rules, stated in
 * docs/kpis.md with their SQL:
 *
 * <ul>
 *   <li>An event with a queue applies to that queue; an event without one applies to every queue
 *       the agent has named so far.
 *   <li>Membership: LOGGED_IN with a queue joins it; LOGGED_OUT with a queue leaves it, without one
 *       leaves all.
 *   <li>State: LOGGED_IN counts as READY (a member joins available); READY, NOT_READY, BUSY and
 *       WRAP_UP are themselves.
 *   <li>In a queue the agent is a member of, the presence is the state; otherwise OUT.
 * </ul>
 */
public final class AgentKpiTracker implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Event time, then type, then id: the order the recompute SQL uses too. */
    public static final Comparator<AgentEvent> ORDER =
            Comparator.comparingLong(AgentEvent::eventTime)
                    .thenComparing(e -> e.type().ordinal())
                    .thenComparing(AgentEvent::eventId);

    public List<KpiFact> apply(AgentKpiState s, AgentEvent e) {
        if (e.type() == AgentEventType.SKILLS_CHANGED) {
            return List.of();
        }
        s.lastEventTime = Math.max(s.lastEventTime, e.eventTime());
        List<String> queues =
                e.queue() != null ? List.of(e.queue()) : List.copyOf(s.state.keySet());
        List<KpiFact> out = new ArrayList<>(queues.size());
        for (String queue : queues) {
            AgentPresence before = presence(s, queue);
            applyTo(s, queue, e);
            AgentPresence after = presence(s, queue);
            if (before != after) {
                out.add(KpiFact.agent(e.tenant(), queue, e.eventTime(), e.agentId(), after));
            }
        }
        return out;
    }

    private static void applyTo(AgentKpiState s, String queue, AgentEvent e) {
        // An expression, not a statement: a new event type does not compile until it is placed.
        AgentPresence state =
                switch (e.type()) {
                    case LOGGED_IN, READY -> AgentPresence.READY;
                    case NOT_READY -> AgentPresence.NOT_READY;
                    case BUSY -> AgentPresence.BUSY;
                    case WRAP_UP -> AgentPresence.WRAP_UP;
                        // Leaves the queue and keeps the state it had; not a state at all.
                    case LOGGED_OUT, SKILLS_CHANGED -> null;
                };
        if (state != null) {
            s.state.put(queue, state.name());
        }
        if (e.type() == AgentEventType.LOGGED_IN && e.queue() != null) {
            s.member.put(queue, true);
        }
        if (e.type() == AgentEventType.LOGGED_OUT) {
            s.state.putIfAbsent(queue, AgentPresence.READY.name());
            s.member.put(queue, false);
        }
    }

    static AgentPresence presence(AgentKpiState s, String queue) {
        if (!Boolean.TRUE.equals(s.member.get(queue))) {
            return AgentPresence.OUT;
        }
        String state = s.state.get(queue);
        return state == null ? AgentPresence.READY : AgentPresence.valueOf(state);
    }
}
