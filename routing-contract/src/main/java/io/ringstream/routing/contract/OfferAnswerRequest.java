package io.ringstream.routing.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.annotation.Nullable;

/**
 * The optional body of {@code POST /v1/agents/{agentId}/offers/{offerId}/accept} and {@code
 * .../reject}. One type for routing-service and the telephony bridge, which answers offers for the
 * dialplan after it dialled the agent.
 */
@JsonClassDescription("An optional body for accept and reject.")
public record OfferAnswerRequest(
        @Nullable String tenant,
        @Nullable @JsonPropertyDescription("why the agent rejects, for the audit trail")
                String reason) {}
