package io.ringstream.events;

/** Steps of a contact's life, the same for voice and chat. See docs/events.md for the order. */
public enum ContactEventType {
    /** The contact reached us (a new caller channel, a chat opened). */
    ARRIVED,
    /**
     * The contact's customer became known (caller id lookup); requires customerId. Changes no KPI,
     * clock or routing; later events of the contact carry the same customerId.
     */
    IDENTIFIED,
    /** It joined a queue; requires queue. */
    QUEUED,
    /** It was offered to an agent (ringing, chat invite); requires queue and agent. */
    OFFERED,
    /** The agent declined the offer. */
    OFFER_REJECTED,
    /** The offer rang out without an answer. */
    OFFER_TIMED_OUT,
    /** An agent took it; waitMillis is the time spent in queue. */
    ANSWERED,
    HELD,
    RESUMED,
    /** Moved to another queue or agent; attributes carry the target. */
    TRANSFERRED,
    /** The customer gave up while queued; waitMillis is the time spent in queue. */
    ABANDONED,
    /** It left the queue for any reason (informational; answered/abandoned carry the outcome). */
    DEQUEUED,
    /** The conversation with the agent finished; durationMillis is the talk time. */
    TALK_ENDED,
    /** The contact is over on our side (caller hung up, chat closed). */
    ENDED,
    /** The agent finished after-contact work for it; durationMillis is the wrap-up time. */
    WRAPUP_ENDED
}
