package io.ringstream.routing.customers;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.model.Customer;
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

/**
 * Carries out a data-protection erasure in PostgreSQL, in one transaction under the customer's row
 * lock, and publishes an ERASED change. That change is the hook for everything downstream: the
 * ClickHouse archive job (outbox relay, issue 10's H3 part) anonymises its copies when it reads it.
 * Erasing twice changes nothing the second time.
 */
@Singleton
@Requires(beans = DataSource.class)
public class CustomerEraser {
    private final TransactionOperations<Connection> transactions;
    private final CustomerStore customers;
    private final ErasureStore store;
    private final Outbox outbox;
    private final Clock clock;

    public CustomerEraser(
            TransactionOperations<Connection> transactions,
            CustomerStore customers,
            ErasureStore store,
            Outbox outbox,
            Clock clock) {
        this.transactions = transactions;
        this.customers = customers;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Erases the customer {@code id} names (a merged id names its survivor: the same person).
     *
     * @return the anonymised customer
     */
    public CustomerView erase(String tenant, String actor, UUID id) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return CustomerMerger.retrying(
                () ->
                        transactions.executeWrite(
                                status -> {
                                    UUID live =
                                            customers
                                                    .resolve(tenant, id)
                                                    .orElseThrow(
                                                            () -> CustomerProblems.notFound(id));
                                    StoredCustomer before =
                                            customers
                                                    .lock(tenant, live)
                                                    .orElseThrow(
                                                            () -> CustomerProblems.notFound(id));
                                    if (before.erasedAt() != null) {
                                        return CustomerView.of(
                                                before.customer(), List.of(), before.erasedAt());
                                    }
                                    return erase(tenant, actor, before.customer(), now);
                                }));
    }

    private CustomerView erase(String tenant, String actor, Customer before, Instant now) {
        UUID id = before.id().value();
        long version = before.version() + 1;
        List<UUID> ids = store.idsOf(tenant, id);
        store.anonymise(tenant, id, version, now);
        store.deleteIdentities(tenant, id);
        store.eraseNotes(tenant, id);
        store.eraseBusinessEventAttributes(tenant, id);
        store.scrubMerges(tenant, ids);
        store.dropPendingChanges(ids);
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
        return CustomerView.of(after.customer(), List.of(), after.erasedAt());
    }
}
