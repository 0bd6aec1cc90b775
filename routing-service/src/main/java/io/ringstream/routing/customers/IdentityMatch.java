package io.ringstream.routing.customers;

import io.ringstream.customers.identity.RefusalReason;
import java.util.List;
import java.util.UUID;

/** What looking a customer up by an identity found. */
public sealed interface IdentityMatch {

    /** The raw value is not a valid identity of its kind (e.g. not a phone number). */
    record Refused(RefusalReason reason, String message) implements IdentityMatch {}

    /** A valid identity that no customer of the tenant holds. */
    record None(String normalisedValue) implements IdentityMatch {}

    /** Exactly one customer holds it. */
    record One(UUID customerId) implements IdentityMatch {}

    /** Several customers hold it (a phone and a WhatsApp identity of two people): candidates. */
    record Many(List<UUID> customerIds) implements IdentityMatch {
        public Many {
            customerIds = List.copyOf(customerIds);
        }
    }

    /** No customer held it, so a new one was created with it. */
    record Created(UUID customerId) implements IdentityMatch {}
}
