package io.ringstream.routing.leads;

import io.micronaut.context.annotation.Requires;
import io.ringstream.customers.model.Lead;
import io.ringstream.customers.model.LeadStage;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topics;
import io.ringstream.routing.outbox.Outbox;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The one place a lead is created or changes stage: the lead row, its {@code lead_stage_changes}
 * row and its {@link BusinessEvent} (LEAD_CREATED or STAGE_CHANGED, keyed by customer id) go into
 * the same transaction. The lead API and {@code POST /v1/business-events} both write through here.
 * Callers hold the customer's lock ({@link CustomerLocks}) and, for a move, the lead's.
 */
@Singleton
@Requires(beans = DataSource.class)
public class LeadWrites {
    private final LeadStore store;
    private final Outbox outbox;

    public LeadWrites(LeadStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /**
     * Stores a new lead, its first stage and its LEAD_CREATED event.
     *
     * @param eventId the event's id: derived from what caused it, so a replay cannot publish twice
     * @param contactId the contact that led to it, when known
     */
    public Lead create(Lead lead, String actor, String eventId, String contactId) {
        Lead stored = store.insert(lead);
        store.recordStageChange(stored, null, actor, stored.createdAt());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sourceChannel", stored.sourceChannel());
        if (stored.campaign() != null) {
            attributes.put("campaign", stored.campaign());
        }
        outbox.append(
                Topics.BUSINESS_EVENTS,
                event(
                        BusinessEventType.LEAD_CREATED,
                        stored,
                        eventId,
                        contactId,
                        stored.createdAt(),
                        attributes));
        return stored;
    }

    /**
     * Moves a locked lead to {@code next} by the stage rule ({@link Lead#moveTo}), records the
     * change and appends its STAGE_CHANGED event.
     *
     * @throws io.ringstream.customers.model.IllegalStageChangeException when the rule refuses
     * @throws io.ringstream.customers.model.ModelViolationException when LOST has no reason
     */
    public Lead move(
            Lead locked,
            LeadStage next,
            String lostReason,
            Instant at,
            String actor,
            String eventId,
            String contactId) {
        Lead stored = store.updateStage(locked.moveTo(next, lostReason, at));
        store.recordStageChange(stored, locked.stage(), actor, at);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("fromStage", locked.stage().name());
        if (stored.lostReason() != null) {
            attributes.put("lostReason", stored.lostReason());
        }
        outbox.append(
                Topics.BUSINESS_EVENTS,
                event(BusinessEventType.STAGE_CHANGED, stored, eventId, contactId, at, attributes));
        return stored;
    }

    private static BusinessEvent event(
            BusinessEventType type,
            Lead lead,
            String eventId,
            String contactId,
            Instant at,
            Map<String, String> attributes) {
        Money value = lead.value() == null ? null : new Money(lead.value(), lead.currency());
        return new BusinessEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                eventId,
                type,
                lead.tenant(),
                lead.customerId().toString(),
                contactId,
                at.toEpochMilli(),
                Components.ROUTING_SERVICE,
                lead.id().toString(),
                lead.stage().name(),
                value == null ? null : value.minorUnits(),
                value == null ? null : value.currency().getCurrencyCode(),
                attributes);
    }
}
