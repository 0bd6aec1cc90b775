package io.ringstream.routing.leads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /v1/customers/{id}/notes}; the author is the caller. */
@Serdeable
@Schema(description = "A note on a customer, optionally about one of its leads")
public record NoteRequest(
        @Schema(description = "the text, at most 10,000 characters") String body,
        @Nullable @Schema(description = "the customer's lead it is about") String leadId) {}
