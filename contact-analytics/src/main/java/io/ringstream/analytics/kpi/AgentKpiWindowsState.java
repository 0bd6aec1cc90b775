package io.ringstream.analytics.kpi;

import java.util.ArrayList;
import java.util.List;

/**
 * One agent's live KPI state: its presence, state and queues now, and the counters of the interval
 * and the UTC day so far. A mutable POJO for Flink's POJO serializer; only {@link
 * AgentKpiAggregator} changes it. Lifetime: from the agent's first event or fact until it is not
 * present and its day has nothing left to report (the day's closing row is emitted at midnight, so
 * an agent who logged out keeps its state until then: logging in again the same day adds to the
 * same day row).
 */
public class AgentKpiWindowsState {
    public String tenant;
    public String agentId;

    /** Event time up to which state time is accounted, epoch millis. */
    public long clock;

    /** Logged in (see docs/kpis.md "Agent KPIs"): state time accrues only while present. */
    public boolean present;

    /** The agent's latest state (an {@link AgentPresence} name other than OUT), or null. */
    public String state;

    /** When the shown state (LOGGED_OUT when not present) began; 0 when never seen. */
    public long stateSince;

    /** Reason of the latest state event; "" when it had none. */
    public String reason = "";

    /** Queues the agent is logged into (LOGGED_IN with the queue), sorted. */
    public List<String> members = new ArrayList<>();

    public long intervalStart;
    public AgentKpiCounters interval = new AgentKpiCounters();

    /** Queues named in the interval by the agent's events and contact facts, sorted. */
    public List<String> intervalQueues = new ArrayList<>();

    /** Something changed in the interval since its last row. */
    public boolean intervalDirty;

    public long dayStart;
    public AgentKpiCounters day = new AgentKpiCounters();
    public List<String> dayQueues = new ArrayList<>();
    public boolean dayDirty;

    public AgentKpiWindowsState() {}
}
