package io.ringstream.routing.customers;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.routing.customers.erasure.ContactDataEraser;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ClickHouse part of an erasure: scrubs the person's contact history ({@link
 * ContactDataEraser}) for every erasure recorded in {@code customer_erasures} and not done yet.
 * Runs right after an erasure commits and again every minute, so a ClickHouse outage delays the
 * scrub but never loses it; the mutations are idempotent, so running one twice is harmless.
 */
@Singleton
@Requires(beans = DataSource.class)
public class ContactHistoryScrubber {
    private static final Logger LOG = LoggerFactory.getLogger(ContactHistoryScrubber.class);
    private static final int BATCH = 20;

    private final TransactionOperations<Connection> transactions;
    private final ErasureStore store;
    private final ContactDataEraser eraser;
    private final Clock clock;

    public ContactHistoryScrubber(
            TransactionOperations<Connection> transactions,
            ErasureStore store,
            ContactDataEraser eraser,
            Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.eraser = eraser;
        this.clock = clock;
    }

    /**
     * Scrubs the pending erasures' contacts, holding their rows while it does.
     *
     * @return how many were scrubbed
     */
    @Scheduled(
            fixedDelay = "${ringstream.customers.erasure-retry:1m}",
            initialDelay = "${ringstream.customers.erasure-retry:1m}")
    public int scrubPending() {
        return transactions.executeWrite(
                status -> {
                    int done = 0;
                    List<ErasureStore.PendingScrub> pending = store.claimPendingScrubs(BATCH);
                    for (ErasureStore.PendingScrub scrub : pending) {
                        try {
                            eraser.erase(scrub.tenant(), scrub.customerIds());
                            store.scrubOutcome(scrub, clock.instant(), null);
                            done++;
                        } catch (RuntimeException e) {
                            LOG.warn(
                                    "Contact history of erased customer {} (tenant {}) not"
                                            + " scrubbed yet; retrying later: {}",
                                    scrub.customerId(),
                                    scrub.tenant(),
                                    e.toString());
                            store.scrubOutcome(scrub, null, String.valueOf(e.getMessage()));
                        }
                    }
                    return done;
                });
    }
}
