package io.ringstream.routing.customers;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.ringstream.events.topics.Topics;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The SQL of a data-protection erasure in PostgreSQL: what is anonymised, scrubbed or deleted
 * (docs/customers.md, "Erasure"). Runs in the erasure's transaction, after the customer's row lock.
 */
@Singleton
@Requires(beans = DataSource.class)
public class ErasureStore {
    /** What an erased note's body and an erased merge audit say instead. */
    public static final String ERASED = "[erased]";

    private final JdbcOperations jdbc;

    public ErasureStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer's id and every id merged into it: all the ids the person was known under. */
    public List<UUID> idsOf(String tenant, UUID customerId) {
        return jdbc.prepareStatement(
                "SELECT merged_id FROM customer_redirects WHERE tenant = ? AND survivor_id = ?",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, customerId);
                    List<UUID> ids = new ArrayList<>(List.of(customerId));
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getObject(1, UUID.class));
                        }
                    }
                    return ids;
                });
    }

    /**
     * Anonymises the row: name, language, tags, attributes and owner go; id, tenant, tier, consents
     * and the creation time stay. Bumps the version and sets {@code erased_at}.
     */
    public void anonymise(String tenant, UUID id, long newVersion, Instant at) {
        update(
                "UPDATE customers SET display_name = NULL, preferred_language = NULL,"
                        + " tags = '{}', attributes = '{}', owner_agent = NULL, updated_at = ?,"
                        + " erased_at = ?, version = ? WHERE tenant = ? AND id = ?",
                List.of(CustomerStore.at(at), CustomerStore.at(at), newVersion, tenant, id));
    }

    /** Deletes every identity: nothing can find the person by phone or address again. */
    public void deleteIdentities(String tenant, UUID id) {
        update(
                "DELETE FROM customer_identities WHERE tenant = ? AND customer_id = ?",
                List.of(tenant, id));
    }

    /** Replaces the bodies of the customer's notes; who wrote them and when stays. */
    public void eraseNotes(String tenant, UUID id) {
        update(
                "UPDATE notes SET body = ? WHERE tenant = ? AND customer_id = ?",
                List.of(ERASED, tenant, id));
    }

    /** Empties the free attributes of the customer's bookings and payments; amounts stay. */
    public void eraseBusinessEventAttributes(String tenant, UUID id) {
        update(
                "UPDATE business_events SET attributes = '{}' WHERE tenant = ? AND customer_id = ?",
                List.of(tenant, id));
    }

    /** A customer merged into the erased one, as its merge left it: its last version and birth. */
    public record MergedAway(UUID id, long lastVersion, Instant createdAt) {}

    /**
     * The customers merged into the erased one (among {@code ids}), read from their merge audits
     * before {@link #scrubMerges} removes the snapshots: the MERGED change was their version after
     * the snapshot's, so their ERASED change comes after it.
     */
    public List<MergedAway> mergedAway(String tenant, List<UUID> ids) {
        return jdbc.prepareStatement(
                "SELECT merged_id, (audit -> 'mergedBefore' ->> 'version')::bigint + 1,"
                        + " audit -> 'mergedBefore' ->> 'createdAt', merged_at"
                        + " FROM customer_merges WHERE tenant = ? AND merged_id = ANY (?)"
                        + " AND audit -> 'mergedBefore' IS NOT NULL",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setArray(
                            2,
                            statement
                                    .getConnection()
                                    .createArrayOf("uuid", ids.toArray(UUID[]::new)));
                    List<MergedAway> merged = new ArrayList<>();
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            String created = rows.getString(3);
                            merged.add(
                                    new MergedAway(
                                            rows.getObject(1, UUID.class),
                                            rows.getLong(2),
                                            created != null
                                                    ? Instant.parse(created)
                                                    : CustomerStore.instant(rows, "merged_at")));
                        }
                    }
                    return merged;
                });
    }

    /**
     * Scrubs the audit of every merge the person was part of: both snapshots, discarded values,
     * identity keys and the free-text reason go; ids, actor, time and moved leads and notes stay.
     */
    public void scrubMerges(String tenant, List<UUID> ids) {
        jdbc.prepareStatement(
                "UPDATE customer_merges SET reason = NULL, audit = jsonb_build_object("
                        + "'erased', true, 'movedLeads', audit -> 'movedLeads',"
                        + " 'movedNotes', audit -> 'movedNotes')"
                        + " WHERE tenant = ? AND (survivor_id = ANY (?) OR merged_id = ANY (?))",
                statement -> {
                    var array =
                            statement
                                    .getConnection()
                                    .createArrayOf("uuid", ids.toArray(UUID[]::new));
                    statement.setString(1, tenant);
                    statement.setArray(2, array);
                    statement.setArray(3, array);
                    return statement.executeUpdate();
                });
    }

    /**
     * Deletes customer changes of these ids not yet relayed to Kafka: they carry the personal data
     * being erased. The ERASED change appended afterwards is what consumers get.
     */
    public void dropPendingChanges(List<UUID> ids) {
        jdbc.prepareStatement(
                "DELETE FROM outbox WHERE topic = ? AND event_key = ANY (?)",
                statement -> {
                    statement.setString(1, Topics.CUSTOMER_CHANGES.name());
                    statement.setArray(
                            2,
                            statement
                                    .getConnection()
                                    .createArrayOf(
                                            "text",
                                            ids.stream()
                                                    .map(UUID::toString)
                                                    .toArray(String[]::new)));
                    return statement.executeUpdate();
                });
    }

    /**
     * Records that the person's ClickHouse contact history is to be scrubbed (again, on a repeated
     * erasure): {@link ContactHistoryScrubber} picks it up after the commit.
     */
    public void requestContactScrub(String tenant, UUID id, List<UUID> ids, Instant at) {
        jdbc.prepareStatement(
                "INSERT INTO customer_erasures (tenant, customer_id, customer_ids, requested_at)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant, customer_id) DO UPDATE SET"
                        + " customer_ids = EXCLUDED.customer_ids,"
                        + " requested_at = EXCLUDED.requested_at, contacts_scrubbed_at = NULL",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, id);
                    statement.setArray(
                            3,
                            statement
                                    .getConnection()
                                    .createArrayOf("uuid", ids.toArray(UUID[]::new)));
                    statement.setObject(4, CustomerStore.at(at));
                    return statement.executeUpdate();
                });
    }

    /** A pending contact scrub. */
    public record PendingScrub(String tenant, UUID customerId, List<UUID> customerIds) {}

    /**
     * Claims up to {@code limit} pending scrubs for the current transaction ({@code FOR UPDATE SKIP
     * LOCKED}: two replicas never scrub the same one at once), oldest first.
     */
    public List<PendingScrub> claimPendingScrubs(int limit) {
        return jdbc.prepareStatement(
                "SELECT tenant, customer_id, customer_ids FROM customer_erasures"
                        + " WHERE contacts_scrubbed_at IS NULL ORDER BY requested_at"
                        + " LIMIT ? FOR UPDATE SKIP LOCKED",
                statement -> {
                    statement.setInt(1, limit);
                    List<PendingScrub> pending = new ArrayList<>();
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            pending.add(
                                    new PendingScrub(
                                            rows.getString(1),
                                            rows.getObject(2, UUID.class),
                                            List.of((UUID[]) rows.getArray(3).getArray())));
                        }
                    }
                    return pending;
                });
    }

    /** Marks a scrub done, or counts a failed attempt with its error. */
    public void scrubOutcome(PendingScrub scrub, Instant doneAt, String error) {
        update(
                doneAt != null
                        ? "UPDATE customer_erasures SET contacts_scrubbed_at = ?, last_error = NULL,"
                                + " attempts = attempts + 1 WHERE tenant = ? AND customer_id = ?"
                        : "UPDATE customer_erasures SET last_error = ?, attempts = attempts + 1"
                                + " WHERE tenant = ? AND customer_id = ?",
                java.util.Arrays.asList(
                        doneAt != null ? CustomerStore.at(doneAt) : error,
                        scrub.tenant(),
                        scrub.customerId()));
    }

    private void update(String sql, List<Object> args) {
        jdbc.prepareStatement(
                sql,
                statement -> {
                    for (int i = 0; i < args.size(); i++) {
                        statement.setObject(i + 1, args.get(i));
                    }
                    return statement.executeUpdate();
                });
    }
}
