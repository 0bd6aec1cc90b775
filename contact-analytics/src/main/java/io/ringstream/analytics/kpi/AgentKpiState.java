package io.ringstream.analytics.kpi;

import java.util.HashMap;
import java.util.Map;

/**
 * What {@link AgentKpiTracker} remembers about one agent: per queue, whether the agent is a member
 * and the state the queue last heard. A mutable POJO for Flink's POJO serializer; dropped when the
 * agent is a member of no queue.
 */
public class AgentKpiState {
    /** Queue to membership: true between LOGGED_IN and LOGGED_OUT for that queue. */
    public Map<String, Boolean> member = new HashMap<>();

    /** Queue to the agent's state there (an {@link AgentPresence} name other than OUT). */
    public Map<String, String> state = new HashMap<>();

    public long lastEventTime;

    public AgentKpiState() {}

    public boolean memberOfAny() {
        return member.containsValue(Boolean.TRUE);
    }
}
