package io.ringstream.customers.identity;

import java.util.Objects;

/**
 * One way of recognising a customer, already normalised, so two spellings of the same phone or
 * address are one identity. Build it with {@link IdentityNormaliser}; within a tenant, one identity
 * ({@link #key()}) belongs to one customer.
 *
 * @param kind what the value is
 * @param value the normalised value, the one that is matched and kept unique
 * @param raw the form it was given in (a phone's extension stays here), for display
 * @param verified whether the customer proved they own it (a code sent, a call from it)
 * @param primary whether it is the one to use first for its kind
 */
public record Identity(
        IdentityKind kind, String value, String raw, boolean verified, boolean primary) {

    public Identity {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("identity value is required");
        }
        raw = raw == null || raw.isBlank() ? value : raw;
    }

    /**
     * What is unique per tenant: the kind and the normalised value, e.g. {@code
     * PHONE:+34911234567}.
     */
    public String key() {
        return kind + ":" + value;
    }

    /** Whether both are the same identity, whatever their raw forms and flags. */
    public boolean sameAs(Identity other) {
        return kind == other.kind && value.equals(other.value);
    }

    public Identity withVerified(boolean verified) {
        return new Identity(kind, value, raw, verified, primary);
    }

    public Identity withPrimary(boolean primary) {
        return new Identity(kind, value, raw, verified, primary);
    }
}
