package io.ringstream.routing.customers;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.identity.Identity;
import io.ringstream.customers.merge.MergePlan;
import io.ringstream.customers.merge.MergePlanner;
import io.ringstream.customers.merge.MergeRefusal;
import io.ringstream.customers.merge.MergeRefusedException;
import io.ringstream.customers.merge.MergeRequest;
import io.ringstream.customers.merge.Redirects;
import io.ringstream.customers.model.Customer;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.events.topics.Topics;
import io.ringstream.routing.outbox.Outbox;
import io.ringstream.routing.web.ProblemException;
import jakarta.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Merges two customers the user found to be one person, into the survivor the user chose. One
 * transaction: both rows locked in id order (so merges of the same customers queue, in either
 * direction), the plan from {@link MergePlanner}, everything that referred to the merged customer
 * moved, a redirect and an audit row, the merged row deleted, and UPDATED (survivor) and MERGED
 * (merged) changes in the outbox. A merge that waited for another re-reads what that one left and
 * is refused when its customer is gone (409), never half-applied.
 */
@Singleton
@Requires(beans = DataSource.class)
public class CustomerMerger {
    /** Runs the transaction again this often after PostgreSQL aborted it for a deadlock. */
    private static final int ATTEMPTS = 3;

    private final TransactionOperations<Connection> transactions;
    private final CustomerStore customers;
    private final MergeStore store;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock;

    public CustomerMerger(
            TransactionOperations<Connection> transactions,
            CustomerStore customers,
            MergeStore store,
            Outbox outbox,
            JsonMapper json,
            Clock clock) {
        this.transactions = transactions;
        this.customers = customers;
        this.store = store;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Merges {@code mergedId} into {@code survivorId}.
     *
     * @param ifMatch the survivor's ETag, checked when given (412 when stale)
     * @return the survivor after the merge
     */
    public CustomerView merge(
            String tenant,
            String actor,
            UUID survivorId,
            UUID mergedId,
            @Nullable String reason,
            @Nullable String ifMatch) {
        IfMatch.version(ifMatch);
        if (survivorId.equals(mergedId)) {
            throw refused(MergeRefusal.SAME_CUSTOMER, "a customer cannot be merged into itself");
        }
        return retrying(
                () ->
                        transactions.executeWrite(
                                status ->
                                        apply(
                                                tenant,
                                                actor,
                                                survivorId,
                                                mergedId,
                                                reason,
                                                ifMatch)));
    }

    private CustomerView apply(
            String tenant,
            String actor,
            UUID survivorId,
            UUID mergedId,
            String reason,
            String ifMatch) {
        Map<UUID, StoredCustomer> rows = store.lockBoth(tenant, survivorId, mergedId);
        StoredCustomer survivorRow = rows.get(survivorId);
        StoredCustomer mergedRow = rows.get(mergedId);
        if (survivorRow == null) {
            store.redirectOf(tenant, survivorId)
                    .ifPresent(
                            to -> {
                                throw refused(
                                        MergeRefusal.SURVIVOR_REDIRECTED,
                                        "the survivor was merged into " + to + "; merge into it");
                            });
            throw CustomerProblems.notFound(survivorId);
        }
        if (mergedRow == null) {
            if (store.redirectOf(tenant, mergedId).isPresent()) {
                throw refused(
                        MergeRefusal.ALREADY_REDIRECTED,
                        "customer " + mergedId + " was merged already");
            }
            throw CustomerProblems.notFound(mergedId);
        }
        if (survivorRow.erasedAt() != null || mergedRow.erasedAt() != null) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "customer-erased",
                    "Customer erased",
                    "an erased customer is not merged: its data is gone");
        }
        Customer survivor = survivorRow.customer();
        Customer merged = mergedRow.customer();
        IfMatch.check(ifMatch, survivor.version());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        MergePlan plan;
        try {
            plan =
                    MergePlanner.plan(
                            new MergeRequest(
                                    survivor,
                                    merged,
                                    customers.identitiesOf(tenant, survivorId),
                                    customers.identitiesOf(tenant, mergedId),
                                    List.of(),
                                    List.of(),
                                    Redirects.none(),
                                    actor,
                                    reason,
                                    now));
        } catch (MergeRefusedException e) {
            throw refused(e.reason(), e.getMessage());
        }

        Customer after = plan.survivor().toBuilder().version(survivor.version() + 1).build();
        if (!customers.update(after, survivor.version())) {
            throw CustomerProblems.stale(survivor.version());
        }
        for (Identity identity : plan.survivorIdentities()) {
            store.placeIdentity(tenant, survivorId, identity);
        }
        List<String> leads = store.repoint("leads", "id", tenant, mergedId, survivorId);
        List<String> notes = store.repoint("notes", "id", tenant, mergedId, survivorId);
        store.repoint("lead_stage_changes", null, tenant, mergedId, survivorId);
        store.repoint("business_events", null, tenant, mergedId, survivorId);
        store.redirect(tenant, mergedId, survivorId, now);
        store.audit(
                UUID.randomUUID(),
                tenant,
                survivorId,
                mergedId,
                actor,
                plan.audit().reason(),
                now,
                auditJson(plan, leads, notes));
        store.delete(tenant, mergedId);

        List<Identity> identities = customers.identitiesOf(tenant, survivorId);
        outbox.append(
                Topics.CUSTOMER_CHANGES,
                CustomerChanges.of(
                        CustomerChangeType.UPDATED,
                        after,
                        after.version(),
                        identities,
                        null,
                        actor,
                        now.toEpochMilli()));
        outbox.append(
                Topics.CUSTOMER_CHANGES,
                CustomerChanges.of(
                        CustomerChangeType.MERGED,
                        merged,
                        merged.version() + 1,
                        List.of(),
                        survivorId.toString(),
                        actor,
                        now.toEpochMilli()));
        return CustomerView.of(after, identities, null);
    }

    /** The audit row's JSON: both customers as they were, what lost, what moved. */
    private String auditJson(MergePlan plan, List<String> leads, List<String> notes) {
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("survivorBefore", snapshot(plan.audit().survivorBefore()));
        audit.put("mergedBefore", snapshot(plan.audit().mergedBefore()));
        audit.put("discarded", plan.audit().discarded());
        audit.put("movedIdentities", plan.audit().movedIdentities());
        audit.put("movedLeads", leads);
        audit.put("movedNotes", notes);
        try {
            return json.writeValueAsString(audit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> snapshot(Customer c) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", c.id().toString());
        s.put("displayName", c.displayName());
        s.put("preferredLanguage", c.preferredLanguage());
        s.put("tier", c.tier());
        s.put("consents", ConsentsBody.of(c.consents()));
        s.put("tags", List.copyOf(c.tags()));
        s.put("attributes", c.attributes());
        s.put("ownerAgent", c.ownerAgent());
        s.put("createdAt", c.createdAt().toString());
        s.put("updatedAt", c.updatedAt().toString());
        s.put("version", c.version());
        return s;
    }

    static ProblemException refused(MergeRefusal reason, String message) {
        return new ProblemException(
                HttpStatus.CONFLICT, "merge-refused", "Merge refused", reason + ": " + message);
    }

    /** Runs a transaction again when PostgreSQL aborted it for a deadlock with another one. */
    static <T> T retrying(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !SqlErrors.isRetryable(e)) {
                    throw e;
                }
            }
        }
    }
}
