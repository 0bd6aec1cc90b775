package io.ringstream.routing.leads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.customers.model.Note;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A note as the API answers it. */
@Serdeable
@Schema(description = "An agent's note on a customer; notes are never edited")
public record NoteView(
        String id,
        String customerId,
        @Nullable String leadId,
        @Schema(description = "the agent (token subject) who wrote it") String author,
        String body,
        Instant createdAt) {

    public static NoteView of(Note note) {
        return new NoteView(
                note.id().toString(),
                note.customerId().toString(),
                note.leadId() == null ? null : note.leadId().toString(),
                note.author(),
                note.body(),
                note.createdAt());
    }
}
