package io.ringstream.routing.business;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.model.IllegalStageChangeException;
import io.ringstream.customers.model.Lead;
import io.ringstream.customers.model.LeadId;
import io.ringstream.customers.model.LeadStage;
import io.ringstream.customers.model.ModelViolationException;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topics;
import io.ringstream.routing.contract.BusinessEventAccepted;
import io.ringstream.routing.contract.BusinessEventRequest;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.IdentityMatch;
import io.ringstream.routing.leads.CustomerLocks;
import io.ringstream.routing.leads.LeadProblems;
import io.ringstream.routing.leads.LeadStore;
import io.ringstream.routing.leads.LeadWrites;
import io.ringstream.routing.leads.Sql;
import io.ringstream.routing.outbox.Outbox;
import io.ringstream.routing.web.ProblemException;
import io.ringstream.routing.web.Requests;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@code POST /v1/business-events}: a booking system's bookings, payments and lead changes against
 * one of the tenant's customers, exactly once per idempotency key.
 *
 * <p>Steps: check the request (400); answer a replay from the stored row (200, or 422 when the key
 * came with another request); resolve the customer, creating it for an unknown identity (outside
 * the transaction: the resolver runs its own); then in one transaction, under a lock on the key,
 * look for a replay once more, lock the customer, do the work, store the row and append the events
 * to the outbox. Concurrent replays of a key wait on that lock and answer the first one's result.
 *
 * <p>Leads: LEAD_CREATED creates one (NEW); STAGE_CHANGED moves the given lead by the stage rule
 * (409 when it refuses); a BOOKING_MADE naming a lead also moves it to BOOKED, and a
 * PAYMENT_COMPLETED to PAID, when the rule allows that move; otherwise (already there, or lost) the
 * booking or payment is still recorded and the lead is left as it is: the money happened.
 */
@Singleton
@Requires(beans = DataSource.class)
public class BusinessEventService {
    /** The component whose name goes into event ids derived from idempotency keys. */
    static final String ID_SOURCE = "business-events";

    private final TransactionOperations<Connection> transactions;
    private final CustomerResolver resolver;
    private final CustomerLocks customers;
    private final LeadStore leads;
    private final LeadWrites leadWrites;
    private final BusinessEventStore store;
    private final Outbox outbox;

    public BusinessEventService(
            TransactionOperations<Connection> transactions,
            CustomerResolver resolver,
            CustomerLocks customers,
            LeadStore leads,
            LeadWrites leadWrites,
            BusinessEventStore store,
            Outbox outbox) {
        this.transactions = transactions;
        this.resolver = resolver;
        this.customers = customers;
        this.leads = leads;
        this.leadWrites = leadWrites;
        this.store = store;
        this.outbox = outbox;
    }

    /** The answer, and whether this request recorded it (false: a replay). */
    public record Outcome(BusinessEventAccepted accepted, boolean created) {}

    /** The event id for a tenant's idempotency key: the same key always names the same event. */
    public static String eventIdOf(String tenant, String idempotencyKey) {
        return EventIds.of(ID_SOURCE, tenant, idempotencyKey);
    }

    public Outcome accept(
            String tenant, String idempotencyKey, BusinessEventRequest request, String actor) {
        ValidBusinessEvent event = ValidBusinessEvent.of(request);
        String hash = event.hash();
        Optional<RecordedBusinessEvent> earlier =
                transactions.executeRead(status -> store.find(tenant, idempotencyKey));
        if (earlier.isPresent()) {
            return replay(earlier.get(), hash);
        }
        UUID customer = customerOf(tenant, event, actor);
        Instant received = Sql.now();
        return transactions.executeWrite(
                status -> {
                    store.lockKey(tenant, idempotencyKey);
                    Optional<RecordedBusinessEvent> raced = store.find(tenant, idempotencyKey);
                    if (raced.isPresent()) {
                        return replay(raced.get(), hash);
                    }
                    UUID live =
                            customers
                                    .lockLive(tenant, customer)
                                    .orElseThrow(() -> LeadProblems.customerNotFound(customer));
                    return record(tenant, idempotencyKey, hash, event, live, received, actor);
                });
    }

    private Outcome record(
            String tenant,
            String key,
            String hash,
            ValidBusinessEvent event,
            UUID customer,
            Instant received,
            String actor) {
        String eventId = eventIdOf(tenant, key);
        Instant occurred = event.occurredAt() == null ? received : Sql.stored(event.occurredAt());
        UUID leadId = event.leadId();
        try {
            switch (event.type()) {
                case LEAD_CREATED -> {
                    Lead lead =
                            leadWrites.create(
                                    newLead(tenant, customer, event, occurred),
                                    actor,
                                    eventId,
                                    event.contactId());
                    leadId = lead.id().value();
                }
                case STAGE_CHANGED -> {
                    Lead locked = lockLead(tenant, customer, leadId);
                    leadWrites.move(
                            locked,
                            event.stage(),
                            event.lostReason(),
                            notBefore(occurred, locked),
                            actor,
                            eventId,
                            event.contactId());
                }
                case BOOKING_MADE, PAYMENT_COMPLETED -> {
                    Lead locked = leadId == null ? null : lockLead(tenant, customer, leadId);
                    outbox.append(
                            Topics.BUSINESS_EVENTS,
                            moneyEvent(tenant, customer, event, eventId, occurred));
                    LeadStage won =
                            event.type() == BusinessEventType.BOOKING_MADE
                                    ? LeadStage.BOOKED
                                    : LeadStage.PAID;
                    if (locked != null && locked.stage().canMoveTo(won)) {
                        leadWrites.move(
                                locked,
                                won,
                                null,
                                notBefore(occurred, locked),
                                actor,
                                EventIds.of(ID_SOURCE, tenant, key, "STAGE_CHANGED"),
                                event.contactId());
                    }
                }
            }
        } catch (IllegalStageChangeException e) {
            throw LeadProblems.illegalStageChange(e);
        } catch (ModelViolationException e) {
            throw Requests.invalid(e.violations());
        }
        store.insert(
                new RecordedBusinessEvent(
                        tenant,
                        key,
                        hash,
                        eventId,
                        event.type().name(),
                        customer,
                        leadId,
                        event.contactId(),
                        event.money() == null ? null : event.money().amount(),
                        event.money() == null ? null : event.money().currency().getCurrencyCode(),
                        occurred,
                        received,
                        event.attributes()));
        return new Outcome(
                new BusinessEventAccepted(
                        eventId,
                        customer.toString(),
                        leadId == null ? null : leadId.toString(),
                        false),
                true);
    }

    /** The customer the event is about: by id (following merges), or by identity, created. */
    private UUID customerOf(String tenant, ValidBusinessEvent event, String actor) {
        if (event.customerId() != null) {
            return resolver.resolveId(tenant, event.customerId())
                    .orElseThrow(() -> LeadProblems.customerNotFound(event.customerId()));
        }
        IdentityMatch match =
                resolver.findOrCreate(
                        tenant, event.identityKind(), event.identityValue(), actor, null);
        if (match instanceof IdentityMatch.One one) {
            return one.customerId();
        }
        if (match instanceof IdentityMatch.Created created) {
            return created.customerId();
        }
        if (match instanceof IdentityMatch.Many many) {
            // Only this tenant's customers can match: listing them leaks nothing.
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "ambiguous-identity",
                    "Ambiguous identity",
                    "the identity belongs to "
                            + many.customerIds().size()
                            + " customers ("
                            + many.customerIds().stream()
                                    .map(UUID::toString)
                                    .collect(Collectors.joining(", "))
                            + "): send customerId instead");
        }
        if (match instanceof IdentityMatch.Refused refused) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-identity",
                    "Invalid identity",
                    "identity.value is refused (" + refused.reason() + "): " + refused.message());
        }
        throw new IllegalStateException("findOrCreate answered " + match);
    }

    /** The lead, locked; it must be the customer's (whose lock the caller holds). */
    private Lead lockLead(String tenant, UUID customer, UUID leadId) {
        Lead lead = leads.lock(tenant, leadId).orElseThrow(() -> LeadProblems.leadNotFound(leadId));
        if (!lead.customerId().value().equals(customer)) {
            throw LeadProblems.leadOfAnotherCustomer(leadId, customer);
        }
        return lead;
    }

    /**
     * When a move is recorded on the lead: when it happened, unless the booking system reports it
     * as earlier than the lead's last change (clocks differ), since a lead's history runs forward.
     */
    private static Instant notBefore(Instant occurred, Lead lead) {
        return occurred.isBefore(lead.updatedAt()) ? lead.updatedAt() : occurred;
    }

    private static Lead newLead(
            String tenant, UUID customer, ValidBusinessEvent event, Instant occurred) {
        return new Lead(
                LeadId.random(),
                tenant,
                new CustomerId(customer),
                LeadStage.NEW,
                null,
                event.sourceChannel(),
                event.campaign(),
                event.money() == null ? null : event.money().amount(),
                event.money() == null ? null : event.money().currency(),
                null,
                occurred,
                occurred,
                0);
    }

    private static BusinessEvent moneyEvent(
            String tenant,
            UUID customer,
            ValidBusinessEvent event,
            String eventId,
            Instant occurred) {
        return new BusinessEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                eventId,
                event.type(),
                tenant,
                customer.toString(),
                event.contactId(),
                occurred.toEpochMilli(),
                Components.ROUTING_SERVICE,
                event.leadId() == null ? null : event.leadId().toString(),
                null,
                event.money().minorUnits(),
                event.money().currency().getCurrencyCode(),
                event.attributes());
    }

    private static Outcome replay(RecordedBusinessEvent earlier, String hash) {
        if (!earlier.requestHash().equals(hash)) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "idempotency-key-reused",
                    "Idempotency key reused",
                    "this Idempotency-Key was used for a different request; use a new key for a"
                            + " new event");
        }
        return new Outcome(
                new BusinessEventAccepted(
                        earlier.eventId(),
                        earlier.customerId().toString(),
                        earlier.leadId() == null ? null : earlier.leadId().toString(),
                        true),
                false);
    }
}
