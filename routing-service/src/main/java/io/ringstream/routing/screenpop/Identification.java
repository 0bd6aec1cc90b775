package io.ringstream.routing.screenpop;

import jakarta.annotation.Nullable;
import java.util.List;
import java.util.UUID;

/**
 * Who a contact's caller is, as decided once per contact and remembered in {@code
 * contact_identifications}: one customer, several candidates (nothing linked), or nobody.
 *
 * @param customerId the caller's customer; null when unknown or ambiguous
 * @param candidates the customers the number matched when it matched several; empty otherwise
 * @param createdLeadId the lead this contact created for a caller nobody knew, if it did
 */
public record Identification(
        @Nullable UUID customerId, List<UUID> candidates, @Nullable UUID createdLeadId) {

    /** Nobody: no number, a withheld or invalid one, or an unknown caller not created. */
    public static final Identification UNKNOWN = new Identification(null, List.of(), null);

    public Identification {
        candidates = List.copyOf(candidates);
        if (customerId != null && !candidates.isEmpty()) {
            throw new IllegalArgumentException("a customer or candidates, not both");
        }
    }

    /** Exactly one customer. */
    public static Identification of(UUID customerId) {
        return new Identification(customerId, List.of(), null);
    }

    /** Several customers hold the number: the agent chooses, nothing is linked. */
    public static Identification ambiguous(List<UUID> candidates) {
        return new Identification(null, candidates, null);
    }

    /** The customer id as the routing command and the route answer carry it; null when none. */
    @Nullable
    public String customerIdText() {
        return customerId == null ? null : customerId.toString();
    }
}
