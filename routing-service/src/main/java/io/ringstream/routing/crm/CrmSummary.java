package io.ringstream.routing.crm;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What an agent sees about the customer with an assignment, folded from the CRM's business events.
 *
 * @param name from the {@code name} attribute, when the CRM sends one
 * @param tier from the {@code tier} attribute (e.g. gold)
 * @param preferredAgentId from the {@code preferredAgentId} attribute
 * @param stage the latest funnel stage
 * @param bookings bookings made so far (BOOKING_MADE events seen)
 * @param bookedAmountMinor their total, in minor units of {@code currency}
 * @param lastEventTime the newest business event's time, epoch milliseconds
 */
@Serdeable
public record CrmSummary(
        String customerId,
        String name,
        String tier,
        String preferredAgentId,
        String stage,
        int bookings,
        long bookedAmountMinor,
        String currency,
        long lastEventTime) {}
