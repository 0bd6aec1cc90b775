package io.ringstream.events;

/** The life of an offer, as the routing job reports it on {@code routing-assignments}. */
public enum AssignmentType {
    /** The contact was offered to the agent, who is now reserved for it until expiresAt. */
    OFFERED,
    /** The agent accepted: the contact is assigned to the agent. */
    ACCEPTED,
    /** The agent declined; the contact is offered to someone else, never to this agent again. */
    REJECTED,
    /** Nobody answered the offer in time; counts as a miss for the agent. */
    TIMED_OUT,
    /** The offer was withdrawn: the contact abandoned or ended, or the agent logged out. */
    CANCELLED
}
