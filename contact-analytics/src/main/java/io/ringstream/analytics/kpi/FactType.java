package io.ringstream.analytics.kpi;

/** What a {@link KpiFact} reports to its queue, its agent, or both. */
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
    AGENT_STATE,
    /** An offer to {@code agentId} rang out (OFFER_TIMED_OUT): an agent fact, no queue count. */
    OFFER_TIMED_OUT,
    /** {@code agentId} declined an offer (OFFER_REJECTED): an agent fact, no queue count. */
    OFFER_REJECTED;

    /** Whether queue aggregation takes facts of this type (the others are agents' only). */
    public boolean forQueues() {
        return this != OFFER_TIMED_OUT && this != OFFER_REJECTED;
    }
}
