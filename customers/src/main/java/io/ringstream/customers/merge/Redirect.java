package io.ringstream.customers.merge;

import io.ringstream.customers.model.CustomerId;
import java.time.Instant;
import java.util.Objects;

/**
 * What is left of a merged customer: its id now names the survivor, so old references (a contact
 * event, a booking system's copy, a bookmarked URL) still resolve.
 *
 * @param from the merged customer's id
 * @param to the survivor's id at the time of the merge (it may itself be merged later)
 */
public record Redirect(String tenant, CustomerId from, CustomerId to, Instant at) {
    public Redirect {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (from.equals(to)) {
            throw new IllegalArgumentException("a customer cannot redirect to itself: " + from);
        }
    }
}
