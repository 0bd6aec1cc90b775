package io.ringstream.routing.customers;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.model.Customer;
import io.ringstream.customers.model.CustomerId;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.events.topics.Topics;
import io.ringstream.routing.outbox.Outbox;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a data-protection erasure in PostgreSQL, in one transaction under the customer's row
 * lock, and publishes an ERASED change. That change is the hook for everything downstream: the
 * ClickHouse archive job (outbox relay, issue 10's H3 part) anonymises its copies when it reads it.
 * Erasing twice changes nothing the second time.
 */
@Singleton
@Requires(beans = DataSource.class)
public class CustomerEraser {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerEraser.class);

    private final TransactionOperations<Connection> transactions;
    private final CustomerStore customers;
    private final ErasureStore store;
    private final Outbox outbox;
    private final ContactHistoryScrubber contacts;
    private final Clock clock;

    public CustomerEraser(
            TransactionOperations<Connection> transactions,
            CustomerStore customers,
            ErasureStore store,
            Outbox outbox,
            ContactHistoryScrubber contacts,
            Clock clock) {
        this.transactions = transactions;
        this.customers = customers;
        this.store = store;
        this.outbox = outbox;
        this.contacts = contacts;
        this.clock = clock;
    }

    /**
     * Erases the customer {@code id} names (a merged id names its survivor: the same person).
     *
     * @return the anonymised customer
     */
    public CustomerView erase(String tenant, String actor, UUID id) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        CustomerView erased =
                CustomerMerger.retrying(
                        () ->
                                transactions.executeWrite(
                                        status -> {
                                            UUID live =
                                                    customers
                                                            .resolve(tenant, id)
                                                            .orElseThrow(
                                                                    () ->
                                                                            CustomerProblems
                                                                                    .notFound(id));
                                            StoredCustomer before =
                                                    customers
                                                            .lock(tenant, live)
                                                            .orElseThrow(
                                                                    () ->
                                                                            CustomerProblems
                                                                                    .notFound(id));
                                            if (before.erasedAt() != null) {
                                                // Again: PostgreSQL is done; the contact history is
                                                // scrubbed again (idempotent), nothing is
                                                // published.
                                                store.requestContactScrub(
                                                        tenant,
                                                        live,
                                                        store.idsOf(tenant, live),
                                                        now);
                                                return CustomerView.of(
                                                        before.customer(),
                                                        List.of(),
                                                        before.erasedAt());
                                            }
                                            return erase(tenant, actor, before.customer(), now);
                                        }));
        // After the commit: ClickHouse is not part of the transaction. A failure here leaves the
        // request pending in customer_erasures, and the scrubber retries it every minute.
        try {
            contacts.scrubPending();
        } catch (RuntimeException e) {
            LOG.warn("Contact history scrub not started; the scheduled retry will run it", e);
        }
        return erased;
    }

    private CustomerView erase(String tenant, String actor, Customer before, Instant now) {
        UUID id = before.id().value();
        long version = before.version() + 1;
        List<UUID> ids = store.idsOf(tenant, id);
        store.anonymise(tenant, id, version, now);
        store.deleteIdentities(tenant, id);
        store.eraseNotes(tenant, id);
        store.eraseBusinessEventAttributes(tenant, id);
        List<ErasureStore.MergedAway> mergedAway = store.mergedAway(tenant, ids);
        store.scrubMerges(tenant, ids);
        store.dropPendingChanges(ids);
        store.requestContactScrub(tenant, id, ids, now);
        StoredCustomer after = customers.find(tenant, id).orElseThrow();
        outbox.append(
                Topics.CUSTOMER_CHANGES,
                CustomerChanges.of(
                        CustomerChangeType.ERASED,
                        after.customer(),
                        version,
                        List.of(),
                        null,
                        actor,
                        now.toEpochMilli()));
        // Ids merged into this customer have change histories of their own downstream (their
        // MERGED change carries their old record): each gets its own ERASED change after it.
        for (ErasureStore.MergedAway merged : mergedAway) {
            Customer anonymous =
                    Customer.builder(new CustomerId(merged.id()), tenant, now)
                            .createdAt(merged.createdAt())
                            .version(merged.lastVersion() + 1)
                            .build();
            outbox.append(
                    Topics.CUSTOMER_CHANGES,
                    CustomerChanges.of(
                            CustomerChangeType.ERASED,
                            anonymous,
                            anonymous.version(),
                            List.of(),
                            id.toString(),
                            actor,
                            now.toEpochMilli()));
        }
        return CustomerView.of(after.customer(), List.of(), after.erasedAt());
    }
}
