package io.ringstream.routing.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.ringstream.events.BusinessEventType;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * The body of {@code POST /v1/business-events}: a booking system reporting a commercial outcome
 * against one of our customers. One type for routing-service, which takes it, and for the simulator
 * and integrations that send it. The request's {@code Idempotency-Key} header makes a replay
 * harmless: the same key answers the first outcome again and books nothing twice.
 */
@JsonClassDescription("A booking, payment or lead change reported by a booking system")
public record BusinessEventRequest(
        @JsonPropertyDescription("BOOKING_MADE, PAYMENT_COMPLETED, LEAD_CREATED or STAGE_CHANGED")
                BusinessEventType type,
        @Nullable
                @JsonPropertyDescription(
                        "our customer id, when the booking system stored it; otherwise `identity`")
                String customerId,
        @Nullable
                @JsonPropertyDescription(
                        "how the booking system knows the customer, e.g. kind EXTERNAL_ID value"
                                + " `booking:AB-123`, kind PHONE or EMAIL")
                IdentityReference identity,
        @Nullable @JsonPropertyDescription("the lead it advances, when known") String leadId,
        @Nullable @JsonPropertyDescription("STAGE_CHANGED: the lead's new stage") String stage,
        @Nullable
                @JsonPropertyDescription(
                        "bookings and payments: a decimal amount in `currency`, e.g. `120.50`")
                String amount,
        @Nullable @JsonPropertyDescription("ISO 4217 code, e.g. `EUR`") String currency,
        @Nullable
                @JsonPropertyDescription(
                        "LEAD_CREATED: where the lead came from, e.g. `web-form`, `voice`")
                String sourceChannel,
        @Nullable @JsonPropertyDescription("LEAD_CREATED: the campaign, when known")
                String campaign,
        @Nullable
                @JsonPropertyDescription(
                        "when it happened in the booking system; default: when received")
                Instant occurredAt,
        @Nullable @JsonPropertyDescription("the contact that led to it, when known")
                String contactId,
        @Nullable @JsonPropertyDescription("free text attributes") Map<String, String> attributes) {

    /** A customer identity as a caller gives it: the kind and the value in any format. */
    @JsonClassDescription("A customer identity: kind and value")
    public record IdentityReference(
            @JsonPropertyDescription("PHONE, EMAIL, WHATSAPP, INSTAGRAM or EXTERNAL_ID")
                    String kind,
            @JsonPropertyDescription("the value in any format; it is normalised") String value) {}
}
