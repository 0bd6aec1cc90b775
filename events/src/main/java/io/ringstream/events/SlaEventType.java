package io.ringstream.events;

/** What happened to one SLA clock; supervisors act on the first two, analysts count all four. */
public enum SlaEventType {
    /** The clock reached the policy's warning fraction while still running. */
    WARNING,
    /** The clock reached the threshold while still running. */
    BREACH,
    /** The clock stopped in time (e.g. answered within the threshold). */
    MET,
    /**
     * The clock stopped without the promised service and before the threshold: the customer
     * abandoned or hung up, the contact was re-queued or transferred, or its state expired.
     */
    CANCELLED
}
