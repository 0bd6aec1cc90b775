package io.ringstream.events;

import java.util.List;
import java.util.Map;

/**
 * A commercial outcome from the CRM or booking system. Keyed by customer id, so a customer's funnel
 * steps stay in order.
 *
 * @param contactId the contact that led to it, when known
 * @param amountMinor amount in minor units (cents) for bookings and payments
 */
public record BusinessEvent(
        int schemaVersion,
        String eventId,
        BusinessEventType type,
        String tenant,
        String customerId,
        String contactId,
        long eventTime,
        String source,
        String leadId,
        String stage,
        Long amountMinor,
        String currency,
        Map<String, String> attributes)
        implements RingstreamEvent {

    public BusinessEvent {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    @Override
    public String key() {
        return customerId;
    }

    @Override
    public List<String> violations() {
        Violations v = Violations.ofEnvelope(this, type);
        v.require(customerId, "customerId");
        if (type == BusinessEventType.STAGE_CHANGED) {
            v.require(stage, "stage");
        }
        if (type == BusinessEventType.BOOKING_MADE || type == BusinessEventType.PAYMENT_COMPLETED) {
            v.check(amountMinor != null && amountMinor >= 0, "amountMinor must be >= 0");
            v.require(currency, "currency");
        }
        return v.list();
    }
}
