package io.ringstream.routing.leads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a customer's notes, newest first, and where the next page starts. */
@Serdeable
@Schema(description = "A page of notes, newest first")
public record NotePage(
        List<NoteView> items,
        @Nullable
                @Schema(
                        description =
                                "pass as `cursor` for the next (older) page; null on the last page")
                String nextCursor) {}
