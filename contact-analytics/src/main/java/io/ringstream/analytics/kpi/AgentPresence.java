package io.ringstream.analytics.kpi;

/** An agent's state as a queue sees it; {@link #OUT} means not a member of the queue now. */
public enum AgentPresence {
    READY,
    NOT_READY,
    BUSY,
    WRAP_UP,
    OUT
}
