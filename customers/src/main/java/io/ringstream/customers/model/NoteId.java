package io.ringstream.customers.model;

import java.util.Objects;
import java.util.UUID;

/** A note's id, typed so it cannot be passed where another kind of id is expected. */
public record NoteId(UUID value) {
    public NoteId {
        Objects.requireNonNull(value, "note id");
    }

    /** A new random id. */
    public static NoteId random() {
        return new NoteId(UUID.randomUUID());
    }

    /**
     * Parses the id's text form.
     *
     * @throws IllegalArgumentException if it is not a UUID
     */
    public static NoteId of(String text) {
        Objects.requireNonNull(text, "note id");
        return new NoteId(UUID.fromString(text.strip()));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
