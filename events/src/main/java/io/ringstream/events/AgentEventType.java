package io.ringstream.events;

/** Agent state changes, as the PBX, the agent desktop or routing report them. */
public enum AgentEventType {
    LOGGED_IN,
    READY,
    /** Paused; requires a reason (break, training, not responding, ...). */
    NOT_READY,
    BUSY,
    WRAP_UP,
    LOGGED_OUT,
    /** The agent's skills or languages changed; requires skills. */
    SKILLS_CHANGED
}
