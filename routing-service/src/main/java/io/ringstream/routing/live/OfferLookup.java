package io.ringstream.routing.live;

import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;

/**
 * What the service knows about one offer, so an agent's accept or reject can be refused early when
 * it cannot succeed.
 *
 * @param offer the OFFERED assignment, or null when the offer is unknown
 * @param ended how it ended, or null while it is pending (or unknown)
 */
public record OfferLookup(Assignment offer, AssignmentType ended) {
    public boolean known() {
        return offer != null || ended != null;
    }

    public boolean pending() {
        return offer != null && ended == null;
    }
}
