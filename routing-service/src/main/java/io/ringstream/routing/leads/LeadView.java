package io.ringstream.routing.leads;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.customers.model.Lead;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A lead as the API answers it; {@code version} is also its ETag. */
@Serdeable
@Schema(description = "A lead (opportunity) of a customer")
public record LeadView(
        String id,
        String customerId,
        @Schema(description = "NEW, CONTACTED, QUALIFIED, QUOTED, BOOKED, PAID or LOST")
                String stage,
        @Nullable String lostReason,
        String sourceChannel,
        @Nullable String campaign,
        @Nullable @Schema(description = "a decimal text at the currency's scale, e.g. \"1200.00\"")
                String value,
        @Nullable String currency,
        @Nullable String ownerAgent,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "send it back in If-Match to change the lead") long version) {

    public static LeadView of(Lead lead) {
        return new LeadView(
                lead.id().toString(),
                lead.customerId().toString(),
                lead.stage().name(),
                lead.lostReason(),
                lead.sourceChannel(),
                lead.campaign(),
                lead.value() == null ? null : lead.value().toPlainString(),
                lead.currency() == null ? null : lead.currency().getCurrencyCode(),
                lead.ownerAgent(),
                lead.createdAt(),
                lead.updatedAt(),
                lead.version());
    }
}
