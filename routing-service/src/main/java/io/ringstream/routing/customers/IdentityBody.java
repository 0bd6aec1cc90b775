package io.ringstream.routing.customers;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;

/**
 * An identity as a client sends it: the kind and the value in any format the kind's rule reads
 * (docs/customers.md, "Identity rules").
 */
@Serdeable
public record IdentityBody(
        @Schema(description = "PHONE, EMAIL, WHATSAPP, INSTAGRAM or EXTERNAL_ID", example = "PHONE")
                String kind,
        @Schema(
                        description = "the value as given; normalised by the kind's rule",
                        example = "612 34 56 78")
                String value,
        @Nullable Boolean verified,
        @Nullable Boolean primary) {}
