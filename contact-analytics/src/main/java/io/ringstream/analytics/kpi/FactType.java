package io.ringstream.analytics.kpi;

/** What a {@link KpiFact} reports to its queue. */
public enum FactType {
    /** A contact joined the queue (QUEUED); it now waits. */
    OFFERED,
    /** A contact of the queue was answered, after {@code waitMillis}. */
    ANSWERED,
    /** A contact gave up waiting, after {@code waitMillis}. */
    ABANDONED,
    /** A waiting contact left the queue (answered, abandoned, dequeued, ended, re-queued). */
    LEFT,
    /** A conversation ended: one handled contact, {@code durationMillis} of talk. */
    TALK,
    /** A hold ended after {@code durationMillis}. */
    HOLD,
    /** After-contact work ended after {@code durationMillis}. */
    WRAP_UP,
    /** An agent's presence in the queue changed to {@code presence}. */
    AGENT_STATE
}
