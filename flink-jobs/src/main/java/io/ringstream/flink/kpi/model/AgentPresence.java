package io.ringstream.flink.kpi.model;

/** An agent's state as a queue sees it; {@link #OUT} means not a member of the queue now. */
public enum AgentPresence {
    READY,
    NOT_READY,
    BUSY,
    WRAP_UP,
    OUT
}
