package io.ringstream.routing.leads;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.ringstream.routing.customers.CustomerResolver;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Locks the customer a lead, note or business event is about, for the rest of the transaction.
 * Changes to one customer's leads then commit one after another, so their outbox rows (and their
 * events, keyed by customer id) are in commit order; and a merge, which locks both customers before
 * moving their leads, cannot move a lead under a change. Lock the customer first, then the lead, as
 * the merge does, so the two never deadlock.
 */
@Singleton
@Requires(beans = DataSource.class)
public class CustomerLocks {
    /** A merge between resolving and locking moves the target; a few rounds settle it. */
    private static final int ATTEMPTS = 3;

    private final CustomerResolver resolver;
    private final JdbcOperations jdbc;

    public CustomerLocks(CustomerResolver resolver, JdbcOperations jdbc) {
        this.resolver = resolver;
        this.jdbc = jdbc;
    }

    /**
     * The live customer {@code id} resolves to in {@code tenant} (following merge redirects),
     * locked; empty when the tenant has no such customer. Call inside a transaction.
     */
    public Optional<UUID> lockLive(String tenant, UUID id) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<UUID> live = resolver.resolveId(tenant, id);
            if (live.isEmpty()) {
                return live;
            }
            if (lock(tenant, live.get())) {
                return live;
            }
            // Merged (its row deleted) between the two: resolve again.
        }
        return Optional.empty();
    }

    /**
     * Locks the customer row itself, without following redirects; false when it is gone. {@code FOR
     * NO KEY UPDATE} lets inserts that reference the customer (a lead, a note) go on meanwhile.
     */
    public boolean lock(String tenant, UUID customerId) {
        return jdbc.prepareStatement(
                "SELECT id FROM customers WHERE tenant = ? AND id = ? FOR NO KEY UPDATE",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, customerId);
                    try (ResultSet rows = statement.executeQuery()) {
                        return rows.next();
                    }
                });
    }
}
