package io.ringstream.routing.leads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /v1/customers/{id}/leads}: a new lead, which starts in NEW. */
@Serdeable
@Schema(description = "A new lead of a customer; it starts in stage NEW")
public record LeadRequest(
        @Schema(description = "where it came from: a token such as voice, web-form, whatsapp")
                String sourceChannel,
        @Nullable @Schema(description = "the campaign that brought it, at most 100 characters")
                String campaign,
        @Nullable
                @Schema(
                        description =
                                "what it is worth, a decimal text in `currency` such as \"1200.50\"",
                        example = "1200.50")
                String value,
        @Nullable @Schema(description = "ISO 4217 code of `value`", example = "EUR")
                String currency,
        @Nullable @Schema(description = "the agent who owns it") String ownerAgent) {}
