package io.ringstream.events;

/** What a {@link RoutingCommand} asks the routing job to do. */
public enum RoutingCommandType {
    /** A contact waits for an agent; requires {@code contactId} and {@code contact}. */
    CONTACT_QUEUED,
    /** The customer left the queue before being connected; requires {@code contactId}. */
    CONTACT_ABANDONED,
    /**
     * The agent who had the contact hands it on, e.g. a blind transfer to another queue: that agent
     * wraps up and the contact waits again with the same id. Requires {@code contactId}, {@code
     * offerId} (the offer the agent accepted; a transfer naming an older one is ignored) and {@code
     * contact} (its new queue and needs).
     */
    CONTACT_TRANSFERRED,
    /** The conversation is over; the agent who had it goes to wrap-up. Requires contactId. */
    CONTACT_ENDED,
    /** An agent starts work with a profile; requires {@code agentId} and {@code agent}. */
    AGENT_LOGIN,
    /** The agent is available; requires {@code agentId}. */
    AGENT_READY,
    /** The agent is paused; requires {@code agentId} and {@code reason}. */
    AGENT_NOT_READY,
    /** The agent stops work; requires {@code agentId}. */
    AGENT_LOGOUT,
    /** The agent finished after-contact work; requires {@code agentId}. */
    WRAP_UP_ENDED,
    /** The agent took the offer; requires {@code offerId} and {@code agentId}. */
    OFFER_ACCEPTED,
    /** The agent declined the offer; requires {@code offerId} and {@code agentId}. */
    OFFER_REJECTED
}
