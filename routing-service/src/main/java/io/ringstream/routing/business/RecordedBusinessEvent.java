package io.ringstream.routing.business;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One {@code business_events} row: what a booking system reported under one idempotency key, and
 * what we answered, so a replay gets the same answer.
 *
 * @param requestHash {@link ValidBusinessEvent#hash()} of the first request
 * @param leadId the lead it created or advanced, if any
 */
record RecordedBusinessEvent(
        String tenant,
        String idempotencyKey,
        String requestHash,
        String eventId,
        String type,
        UUID customerId,
        UUID leadId,
        String contactId,
        BigDecimal amount,
        String currency,
        Instant occurredAt,
        Instant receivedAt,
        Map<String, String> attributes) {}
