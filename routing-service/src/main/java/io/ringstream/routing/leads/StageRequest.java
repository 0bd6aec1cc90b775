package io.ringstream.routing.leads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /v1/leads/{leadId}/stage}: where the lead moves. */
@Serdeable
@Schema(description = "A lead's next stage; LOST needs a reason")
public record StageRequest(
        @Schema(
                        description =
                                "NEW, CONTACTED, QUALIFIED, QUOTED, BOOKED, PAID or LOST (forward"
                                        + " only; LOST from any stage before PAID)")
                String stage,
        @Nullable @Schema(description = "why it was lost: required for LOST, refused otherwise")
                String lostReason) {}
