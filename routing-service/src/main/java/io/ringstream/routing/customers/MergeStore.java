package io.ringstream.routing.customers;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.ringstream.customers.identity.Identity;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The SQL of a merge besides the customer rows themselves: locking both customers, the redirects,
 * moving everything that refers to the merged customer, and the audit. Runs in the merge's
 * transaction.
 */
@Singleton
@Requires(beans = DataSource.class)
public class MergeStore {
    private final JdbcOperations jdbc;
    private final CustomerStore customers;

    public MergeStore(JdbcOperations jdbc, CustomerStore customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    /**
     * Locks the tenant's customer rows of both ids, in id order: two merges of the same pair (in
     * either direction) take the locks in the same order, so they queue instead of deadlocking.
     *
     * @return the rows found, by id (a merged or unknown id is absent)
     */
    public Map<UUID, StoredCustomer> lockBoth(String tenant, UUID a, UUID b) {
        return jdbc.prepareStatement(
                "SELECT * FROM customers WHERE tenant = ? AND id IN (?, ?) ORDER BY id FOR UPDATE",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, a);
                    statement.setObject(3, b);
                    Map<UUID, StoredCustomer> rows = new HashMap<>();
                    try (var result = statement.executeQuery()) {
                        while (result.next()) {
                            StoredCustomer row = customers.read(result);
                            rows.put(row.customer().id().value(), row);
                        }
                    }
                    return rows;
                });
    }

    /** Whom {@code id} was merged into (one step), if it was merged. */
    public java.util.Optional<UUID> redirectOf(String tenant, UUID id) {
        return jdbc.prepareStatement(
                "SELECT survivor_id FROM customer_redirects WHERE tenant = ? AND merged_id = ?",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, id);
                    try (var rows = statement.executeQuery()) {
                        return rows.next()
                                ? java.util.Optional.of(rows.getObject(1, UUID.class))
                                : java.util.Optional.<UUID>empty();
                    }
                });
    }

    /** Gives an identity (moved or kept) its owner and flags after the merge. */
    public void placeIdentity(String tenant, UUID owner, Identity identity) {
        jdbc.prepareStatement(
                "UPDATE customer_identities SET customer_id = ?, verified = ?, is_primary = ?"
                        + " WHERE tenant = ? AND kind = ? AND value = ?",
                statement -> {
                    statement.setObject(1, owner);
                    statement.setBoolean(2, identity.verified());
                    statement.setBoolean(3, identity.primary());
                    statement.setString(4, tenant);
                    statement.setString(5, identity.kind().name());
                    statement.setString(6, identity.value());
                    return statement.executeUpdate();
                });
    }

    /**
     * Points every row of {@code table} that refers to the merged customer at the survivor.
     *
     * @param idColumn a column to return for the audit, or null
     * @return the moved rows' {@code idColumn} values (empty without one)
     */
    public List<String> repoint(
            String table, String idColumn, String tenant, UUID merged, UUID survivor) {
        String sql =
                "UPDATE "
                        + table
                        + " SET customer_id = ? WHERE tenant = ? AND customer_id = ?"
                        + (idColumn == null ? "" : " RETURNING " + idColumn);
        return jdbc.prepareStatement(
                sql,
                statement -> {
                    statement.setObject(1, survivor);
                    statement.setString(2, tenant);
                    statement.setObject(3, merged);
                    List<String> ids = new ArrayList<>();
                    if (idColumn == null) {
                        statement.executeUpdate();
                        return ids;
                    }
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getString(1));
                        }
                    }
                    ids.sort(null);
                    return ids;
                });
    }

    /**
     * Adds the redirect merged → survivor, and re-points redirects that ended at the merged
     * customer to the survivor (chains stay one step long, and the merged row can be deleted).
     */
    public void redirect(String tenant, UUID merged, UUID survivor, Instant at) {
        jdbc.prepareStatement(
                "UPDATE customer_redirects SET survivor_id = ? WHERE tenant = ? AND survivor_id = ?",
                statement -> {
                    statement.setObject(1, survivor);
                    statement.setString(2, tenant);
                    statement.setObject(3, merged);
                    return statement.executeUpdate();
                });
        jdbc.prepareStatement(
                "INSERT INTO customer_redirects (merged_id, tenant, survivor_id, merged_at)"
                        + " VALUES (?, ?, ?, ?)",
                statement -> {
                    statement.setObject(1, merged);
                    statement.setString(2, tenant);
                    statement.setObject(3, survivor);
                    statement.setObject(4, CustomerStore.at(at));
                    return statement.executeUpdate();
                });
    }

    /** Writes the audit row (the audit as JSON). */
    public void audit(
            UUID mergeId,
            String tenant,
            UUID survivor,
            UUID merged,
            String actor,
            String reason,
            Instant at,
            String auditJson) {
        jdbc.prepareStatement(
                "INSERT INTO customer_merges"
                        + " (id, tenant, survivor_id, merged_id, actor, reason, merged_at, audit)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)",
                statement -> {
                    statement.setObject(1, mergeId);
                    statement.setString(2, tenant);
                    statement.setObject(3, survivor);
                    statement.setObject(4, merged);
                    statement.setString(5, actor);
                    statement.setString(6, reason);
                    statement.setObject(7, CustomerStore.at(at));
                    statement.setString(8, auditJson);
                    return statement.executeUpdate();
                });
    }

    /** Deletes the merged customer's row (its remaining identities go with it). */
    public void delete(String tenant, UUID merged) {
        jdbc.prepareStatement(
                "DELETE FROM customers WHERE tenant = ? AND id = ?",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, merged);
                    return statement.executeUpdate();
                });
    }
}
