package io.ringstream.customers.model;

import java.util.Objects;
import java.util.UUID;

/** A customer's id, typed so it cannot be passed where another kind of id is expected. */
public record CustomerId(UUID value) {
    public CustomerId {
        Objects.requireNonNull(value, "customer id");
    }

    /** A new random id. */
    public static CustomerId random() {
        return new CustomerId(UUID.randomUUID());
    }

    /**
     * Parses the id's text form.
     *
     * @throws IllegalArgumentException if it is not a UUID
     */
    public static CustomerId of(String text) {
        Objects.requireNonNull(text, "customer id");
        return new CustomerId(UUID.fromString(text.strip()));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
