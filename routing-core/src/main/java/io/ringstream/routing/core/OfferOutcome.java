package io.ringstream.routing.core;

/** How an offer ended; TaskRouter names its reservation outcomes the same way. */
public enum OfferOutcome {
    ACCEPTED,
    REJECTED,
    TIMED_OUT,
    /**
     * Withdrawn by routing: another agent accepted (ring-all), the caller left, or the agent left.
     */
    RESCINDED
}
