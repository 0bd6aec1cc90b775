package io.ringstream.events;

/**
 * What an SLA policy measures, so one policy record can describe every promise a contact center
 * makes: how fast contacts are answered, how long customers wait for replies, and how long agents
 * stay on hold, in wrap-up or not ready.
 */
public enum SlaKind {
    /** Queued until an agent answers (voice by default). */
    ANSWER,
    /**
     * From the contact's arrival to the first agent response (chat, messaging, email, callback).
     */
    FIRST_RESPONSE,
    /** From a customer's chat message to the agent's next reply, once an agent has responded. */
    REPLY_GAP,
    /** From the contact's arrival until it ends (email, callback, tickets). */
    RESOLUTION,
    /** One hold, HELD to RESUMED. */
    HOLD,
    /** After-contact work: TALK_ENDED to WRAPUP_ENDED, or an agent's WRAP_UP state. */
    WRAP_UP,
    /** An agent's NOT_READY state until any other state. */
    NOT_READY
}
