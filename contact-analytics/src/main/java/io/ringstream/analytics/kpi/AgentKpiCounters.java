package io.ringstream.analytics.kpi;

/**
 * Additive counters of one agent over one window so far (an interval or a day). Ratios are computed
 * only when a row is built. A mutable POJO for Flink's POJO serializer.
 */
public class AgentKpiCounters {
    /** Contacts the agent answered (ANSWERED naming the agent). */
    public long answered;

    /** Conversations the agent ended (TALK_ENDED attributed to the agent). */
    public long handled;

    public long talkMs;
    public long holds;
    public long holdMs;
    public long wrapUps;
    public long wrapUpMs;
    public long offersTimedOut;
    public long offersRejected;

    /** The agent's own time in each state while present (not per queue). */
    public long readyMs;

    public long notReadyMs;
    public long busyMs;
    public long agentWrapUpMs;

    public AgentKpiCounters() {}

    public AgentKpiCounters copy() {
        AgentKpiCounters c = new AgentKpiCounters();
        c.answered = answered;
        c.handled = handled;
        c.talkMs = talkMs;
        c.holds = holds;
        c.holdMs = holdMs;
        c.wrapUps = wrapUps;
        c.wrapUpMs = wrapUpMs;
        c.offersTimedOut = offersTimedOut;
        c.offersRejected = offersRejected;
        c.readyMs = readyMs;
        c.notReadyMs = notReadyMs;
        c.busyMs = busyMs;
        c.agentWrapUpMs = agentWrapUpMs;
        return c;
    }

    public long presentMs() {
        return readyMs + notReadyMs + busyMs + agentWrapUpMs;
    }

    /** Anything at all happened: a contact fact of the agent, or time present. */
    public boolean active() {
        return answered + handled + holds + wrapUps + offersTimedOut + offersRejected > 0
                || presentMs() > 0;
    }

    void addTime(AgentPresence state, long ms) {
        switch (state) {
            case READY -> readyMs += ms;
            case NOT_READY -> notReadyMs += ms;
            case BUSY -> busyMs += ms;
            case WRAP_UP -> agentWrapUpMs += ms;
            case OUT -> {
                // Not present: no time.
            }
        }
    }
}
