package io.ringstream.routing.leads;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.model.IllegalStageChangeException;
import io.ringstream.customers.model.Lead;
import io.ringstream.customers.model.LeadId;
import io.ringstream.customers.model.LeadStage;
import io.ringstream.customers.model.ModelViolationException;
import io.ringstream.events.EventIds;
import io.ringstream.events.topics.Components;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.web.Requests;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the lead endpoints do, each in one transaction: create a lead of a customer, move it to its
 * next stage when the client saw its latest version, and read leads. The tenant is always the
 * caller's; another tenant's customer or lead is not found.
 */
@Singleton
@Requires(beans = DataSource.class)
public class LeadService {
    /** A merge can move the lead to another customer between reading and locking it. */
    private static final int ATTEMPTS = 3;

    private final TransactionOperations<Connection> transactions;
    private final CustomerResolver resolver;
    private final CustomerLocks customers;
    private final LeadStore store;
    private final LeadWrites writes;

    public LeadService(
            TransactionOperations<Connection> transactions,
            CustomerResolver resolver,
            CustomerLocks customers,
            LeadStore store,
            LeadWrites writes) {
        this.transactions = transactions;
        this.resolver = resolver;
        this.customers = customers;
        this.store = store;
        this.writes = writes;
    }

    /** A new NEW lead of the customer {@code customerId} names (following merge redirects). */
    public Lead create(String tenant, UUID customerId, LeadRequest body, String actor) {
        if (body == null) {
            throw Requests.invalid("a body is required");
        }
        List<String> violations = new ArrayList<>();
        Money value = Money.parse(body.value(), body.currency(), "value", violations);
        if (!violations.isEmpty()) {
            throw Requests.invalid(violations);
        }
        Instant now = Sql.now();
        Lead draft = valid(tenant, customerId, body, value, now);
        return transactions.executeWrite(
                status -> {
                    UUID live =
                            customers
                                    .lockLive(tenant, customerId)
                                    .orElseThrow(() -> LeadProblems.customerNotFound(customerId));
                    Lead lead = draft.withCustomer(new CustomerId(live));
                    return writes.create(
                            lead,
                            actor,
                            EventIds.of(
                                    Components.ROUTING_SERVICE,
                                    tenant,
                                    lead.id().toString(),
                                    "LEAD_CREATED"),
                            null);
                });
    }

    /**
     * Moves the lead to {@code body.stage()} when it is still at {@code expectedVersion}.
     *
     * @throws io.ringstream.routing.web.ProblemException 404 unknown lead, 412 stale version, 409 a
     *     move the stage rule refuses, 400 a bad stage or a LOST without reason
     */
    public Lead move(
            String tenant, UUID leadId, long expectedVersion, StageRequest body, String actor) {
        if (body == null) {
            throw Requests.invalid("a body is required");
        }
        LeadStage next = stage(body.stage());
        Instant now = Sql.now();
        return transactions.executeWrite(
                status -> {
                    Lead locked = lockWithCustomer(tenant, leadId);
                    IfMatch.check("lead " + leadId, expectedVersion, locked.version());
                    try {
                        return writes.move(
                                locked,
                                next,
                                body.lostReason(),
                                now,
                                actor,
                                EventIds.of(
                                        Components.ROUTING_SERVICE,
                                        tenant,
                                        leadId.toString(),
                                        "STAGE_CHANGED",
                                        Long.toString(locked.version() + 1)),
                                null);
                    } catch (IllegalStageChangeException e) {
                        throw LeadProblems.illegalStageChange(e);
                    } catch (ModelViolationException e) {
                        throw Requests.invalid(e.violations());
                    }
                });
    }

    /**
     * The lead, locked after its customer (the order a merge locks in). Call inside a transaction.
     */
    public Lead lockWithCustomer(String tenant, UUID leadId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Lead seen =
                    store.find(tenant, leadId).orElseThrow(() -> LeadProblems.leadNotFound(leadId));
            UUID customer = seen.customerId().value();
            if (!customers.lock(tenant, customer)) {
                continue; // merged away meanwhile: the lead moved with it
            }
            Lead locked =
                    store.lock(tenant, leadId).orElseThrow(() -> LeadProblems.leadNotFound(leadId));
            if (locked.customerId().value().equals(customer)) {
                return locked;
            }
        }
        throw new IllegalStateException("lead " + leadId + " kept moving between customers");
    }

    public Lead get(String tenant, UUID leadId) {
        return transactions.executeRead(
                status ->
                        store.find(tenant, leadId)
                                .orElseThrow(() -> LeadProblems.leadNotFound(leadId)));
    }

    /** The leads of the customer {@code customerId} names (following redirects), newest first. */
    public List<Lead> ofCustomer(String tenant, UUID customerId) {
        return transactions.executeRead(
                status -> {
                    UUID live =
                            resolver.resolveId(tenant, customerId)
                                    .orElseThrow(() -> LeadProblems.customerNotFound(customerId));
                    return store.ofCustomer(tenant, live);
                });
    }

    /** A stage name in any case; 400 otherwise. */
    public static LeadStage stage(String text) {
        if (text == null || text.isBlank()) {
            throw Requests.invalid("stage is required");
        }
        try {
            return LeadStage.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw Requests.invalid(
                    "stage '"
                            + text.strip()
                            + "' is not one of NEW, CONTACTED, QUALIFIED, QUOTED, BOOKED, PAID,"
                            + " LOST");
        }
    }

    private static Lead valid(
            String tenant, UUID customerId, LeadRequest body, Money value, Instant now) {
        try {
            return new Lead(
                    LeadId.random(),
                    tenant,
                    new CustomerId(customerId),
                    LeadStage.NEW,
                    null,
                    body.sourceChannel(),
                    body.campaign(),
                    value == null ? null : value.amount(),
                    value == null ? null : value.currency(),
                    body.ownerAgent(),
                    now,
                    now,
                    0);
        } catch (ModelViolationException e) {
            throw Requests.invalid(e.violations());
        }
    }
}
