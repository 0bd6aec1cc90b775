package io.ringstream.customers.model;

import java.util.Objects;
import java.util.UUID;

/** A lead's id, typed so it cannot be passed where another kind of id is expected. */
public record LeadId(UUID value) {
    public LeadId {
        Objects.requireNonNull(value, "lead id");
    }

    /** A new random id. */
    public static LeadId random() {
        return new LeadId(UUID.randomUUID());
    }

    /**
     * Parses the id's text form.
     *
     * @throws IllegalArgumentException if it is not a UUID
     */
    public static LeadId of(String text) {
        Objects.requireNonNull(text, "lead id");
        return new LeadId(UUID.fromString(text.strip()));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
