package io.ringstream.routing.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.annotation.Nullable;

/**
 * The answer to {@code POST /v1/business-events}: 201 the first time, 200 with the same body for a
 * replay of the same {@code Idempotency-Key}, so a sender that lost the first answer learns it.
 */
@JsonClassDescription("A business event as recorded")
public record BusinessEventAccepted(
        @JsonPropertyDescription("the id of the event published on `business-events`")
                String eventId,
        @JsonPropertyDescription("the customer it was recorded against") String customerId,
        @Nullable @JsonPropertyDescription("the lead it created or advanced") String leadId,
        @JsonPropertyDescription("true when this answers a replay of an earlier request")
                boolean replayed) {}
