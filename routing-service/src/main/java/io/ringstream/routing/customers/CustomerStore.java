package io.ringstream.routing.customers;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.ringstream.customers.identity.Identity;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.customers.model.ConsentState;
import io.ringstream.customers.model.Consents;
import io.ringstream.customers.model.Customer;
import io.ringstream.customers.model.CustomerId;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The SQL of the {@code customers} and {@code customer_identities} tables: every statement names
 * the tenant, so one tenant never reads or changes another's rows. Callers own the transaction
 * (each method joins the caller's; none opens its own).
 */
@Singleton
@Requires(beans = DataSource.class)
public class CustomerStore {
    private static final String COLUMNS =
            "id, tenant, display_name, preferred_language, tier, consent_phone, consent_whatsapp,"
                    + " consent_email, consent_marketing, tags, attributes, owner_agent, created_at,"
                    + " updated_at, version, erased_at";

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    public CustomerStore(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts a new customer row with the record's version (1 for a new customer). */
    public void insert(Customer c) {
        jdbc.prepareStatement(
                "INSERT INTO customers ("
                        + COLUMNS
                        + ") VALUES"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, NULL)",
                statement -> {
                    statement.setObject(1, c.id().value());
                    statement.setString(2, c.tenant());
                    int next = setFields(statement, 3, c);
                    statement.setObject(next, at(c.createdAt()));
                    statement.setObject(next + 1, at(c.updatedAt()));
                    statement.setLong(next + 2, c.version());
                    return statement.executeUpdate();
                });
    }

    /**
     * Writes the record's fields over the stored row if its version is still {@code
     * expectedVersion}; the record carries the new version.
     *
     * @return whether the row was updated (false: gone or changed since)
     */
    public boolean update(Customer c, long expectedVersion) {
        return jdbc.prepareStatement(
                "UPDATE customers SET display_name = ?, preferred_language = ?, tier = ?,"
                        + " consent_phone = ?, consent_whatsapp = ?, consent_email = ?,"
                        + " consent_marketing = ?, tags = ?, attributes = ?::jsonb,"
                        + " owner_agent = ?, created_at = ?, updated_at = ?, version = ?"
                        + " WHERE tenant = ? AND id = ? AND version = ?",
                statement -> {
                    int next = setFields(statement, 1, c);
                    statement.setObject(next, at(c.createdAt()));
                    statement.setObject(next + 1, at(c.updatedAt()));
                    statement.setLong(next + 2, c.version());
                    statement.setString(next + 3, c.tenant());
                    statement.setObject(next + 4, c.id().value());
                    statement.setLong(next + 5, expectedVersion);
                    return statement.executeUpdate() == 1;
                });
    }

    /** The tenant's live customer with this id (no redirect is followed). */
    public Optional<StoredCustomer> find(String tenant, UUID id) {
        return selectOne(
                "SELECT " + COLUMNS + " FROM customers WHERE tenant = ? AND id = ?", tenant, id);
    }

    /**
     * Locks the tenant's customer row for the rest of the transaction ({@code SELECT ... FOR
     * UPDATE}): a writer that must read, decide and write (merge, erasure) holds it so no other
     * writer changes it in between.
     */
    public Optional<StoredCustomer> lock(String tenant, UUID id) {
        return selectOne(
                "SELECT " + COLUMNS + " FROM customers WHERE tenant = ? AND id = ? FOR UPDATE",
                tenant,
                id);
    }

    /**
     * The live customer {@code id} names, following merge redirects to their end in one recursive
     * query (a merged row is deleted, so the one customer row on the chain is the survivor).
     */
    public Optional<UUID> resolve(String tenant, UUID id) {
        return jdbc.prepareStatement(
                "WITH RECURSIVE chain (id, depth) AS ("
                        + " SELECT ?::uuid, 0"
                        + " UNION ALL SELECT r.survivor_id, chain.depth + 1"
                        + " FROM customer_redirects r JOIN chain ON r.merged_id = chain.id"
                        + " WHERE r.tenant = ? AND chain.depth < 64)"
                        + " SELECT c.id FROM chain JOIN customers c"
                        + " ON c.id = chain.id AND c.tenant = ? ORDER BY chain.depth DESC LIMIT 1",
                statement -> {
                    statement.setObject(1, id);
                    statement.setString(2, tenant);
                    statement.setString(3, tenant);
                    try (var rows = statement.executeQuery()) {
                        return rows.next()
                                ? Optional.of(rows.getObject(1, UUID.class))
                                : Optional.<UUID>empty();
                    }
                });
    }

    /** Inserts one identity of a customer; a key another customer holds is a unique violation. */
    public void insertIdentity(String tenant, UUID customerId, Identity identity, Instant now) {
        jdbc.prepareStatement(
                "INSERT INTO customer_identities"
                        + " (tenant, kind, value, customer_id, raw, verified, is_primary,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, identity.kind().name());
                    statement.setString(3, identity.value());
                    statement.setObject(4, customerId);
                    statement.setString(5, identity.raw());
                    statement.setBoolean(6, identity.verified());
                    statement.setBoolean(7, identity.primary());
                    statement.setObject(8, at(now));
                    return statement.executeUpdate();
                });
    }

    /** The customer's identities, by kind and value. */
    public List<Identity> identitiesOf(String tenant, UUID customerId) {
        return jdbc.prepareStatement(
                "SELECT kind, value, raw, verified, is_primary FROM customer_identities"
                        + " WHERE tenant = ? AND customer_id = ? ORDER BY kind, value",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, customerId);
                    List<Identity> identities = new ArrayList<>();
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            identities.add(
                                    new Identity(
                                            IdentityKind.valueOf(rows.getString(1)),
                                            rows.getString(2),
                                            rows.getString(3),
                                            rows.getBoolean(4),
                                            rows.getBoolean(5)));
                        }
                    }
                    return identities;
                });
    }

    /** The customers holding {@code value} as an identity of one of {@code kinds}, by id. */
    public List<UUID> holdersOf(String tenant, Collection<IdentityKind> kinds, String value) {
        return jdbc.prepareStatement(
                "SELECT DISTINCT customer_id FROM customer_identities"
                        + " WHERE tenant = ? AND kind = ANY (?) AND value = ? ORDER BY customer_id",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setArray(
                            2,
                            statement
                                    .getConnection()
                                    .createArrayOf(
                                            "text",
                                            kinds.stream().map(Enum::name).toArray(String[]::new)));
                    statement.setString(3, value);
                    List<UUID> ids = new ArrayList<>();
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getObject(1, UUID.class));
                        }
                    }
                    return ids;
                });
    }

    /** The customer holding exactly this identity, if any. */
    public Optional<UUID> holderOf(String tenant, Identity identity) {
        List<UUID> ids = holdersOf(tenant, List.of(identity.kind()), identity.value());
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }

    /** Removes one identity of the customer; false if it has no such identity. */
    public boolean deleteIdentity(String tenant, UUID customerId, IdentityKind kind, String value) {
        return jdbc.prepareStatement(
                "DELETE FROM customer_identities WHERE tenant = ? AND customer_id = ?"
                        + " AND kind = ? AND value = ?",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, customerId);
                    statement.setString(3, kind.name());
                    statement.setString(4, value);
                    return statement.executeUpdate() == 1;
                });
    }

    /**
     * One page of the tenant's customers matching {@code query}, in the query's order, after {@code
     * after} (null: from the start).
     */
    public List<Found> search(String tenant, CustomerQuery query, SearchCursor after, int limit) {
        StringBuilder sql =
                new StringBuilder("SELECT ")
                        .append(COLUMNS)
                        .append(
                                ", lower(display_name) AS sort_name FROM customers WHERE tenant = ?");
        List<Object> args = new ArrayList<>();
        args.add(tenant);
        boolean byName = query instanceof CustomerQuery.NamePrefix;
        if (query instanceof CustomerQuery.NamePrefix name) {
            sql.append(" AND lower(display_name) LIKE ? ESCAPE '\\'");
            args.add(likePrefix(name.prefix()));
        } else if (query instanceof CustomerQuery.HoldersOf holders) {
            sql.append(
                    " AND id IN (SELECT customer_id FROM customer_identities"
                            + " WHERE tenant = ? AND kind = ANY (?) AND value = ?)");
            args.add(tenant);
            args.add(holders.kinds().stream().map(Enum::name).toArray(String[]::new));
            args.add(holders.value());
        }
        if (after != null) {
            if (byName) {
                sql.append(" AND (lower(display_name), id) > (?, ?)");
                args.add(after.sortKey());
            } else {
                sql.append(" AND id > ?");
            }
            args.add(after.id());
        }
        sql.append(byName ? " ORDER BY lower(display_name), id" : " ORDER BY id");
        sql.append(" LIMIT ?");
        args.add(limit);
        return jdbc.prepareStatement(
                sql.toString(),
                statement -> {
                    for (int i = 0; i < args.size(); i++) {
                        Object arg = args.get(i);
                        if (arg instanceof String[] array) {
                            statement.setArray(
                                    i + 1, statement.getConnection().createArrayOf("text", array));
                        } else {
                            statement.setObject(i + 1, arg);
                        }
                    }
                    List<Found> found = new ArrayList<>();
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            String sortName = rows.getString("sort_name");
                            found.add(
                                    new Found(
                                            read(rows),
                                            new SearchCursor(
                                                    byName && sortName != null ? sortName : "",
                                                    rows.getObject("id", UUID.class))));
                        }
                    }
                    return found;
                });
    }

    /** A search hit and the cursor that continues after it. */
    public record Found(StoredCustomer customer, SearchCursor cursor) {}

    /** The identities of several customers of the tenant, by customer. */
    public Map<UUID, List<Identity>> identitiesOf(String tenant, Collection<UUID> customerIds) {
        return jdbc.prepareStatement(
                "SELECT customer_id, kind, value, raw, verified, is_primary"
                        + " FROM customer_identities WHERE tenant = ? AND customer_id = ANY (?)"
                        + " ORDER BY kind, value",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setArray(
                            2,
                            statement
                                    .getConnection()
                                    .createArrayOf("uuid", customerIds.toArray(UUID[]::new)));
                    Map<UUID, List<Identity>> byCustomer = new HashMap<>();
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            byCustomer
                                    .computeIfAbsent(
                                            rows.getObject(1, UUID.class), k -> new ArrayList<>())
                                    .add(
                                            new Identity(
                                                    IdentityKind.valueOf(rows.getString(2)),
                                                    rows.getString(3),
                                                    rows.getString(4),
                                                    rows.getBoolean(5),
                                                    rows.getBoolean(6)));
                        }
                    }
                    return byCustomer;
                });
    }

    /** Makes the given identity the only primary one of its kind for the customer. */
    public void clearOtherPrimaries(String tenant, UUID customerId, Identity primary) {
        jdbc.prepareStatement(
                "UPDATE customer_identities SET is_primary = false WHERE tenant = ?"
                        + " AND customer_id = ? AND kind = ? AND value <> ? AND is_primary",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, customerId);
                    statement.setString(3, primary.kind().name());
                    statement.setString(4, primary.value());
                    return statement.executeUpdate();
                });
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private Optional<StoredCustomer> selectOne(String sql, String tenant, UUID id) {
        return jdbc.prepareStatement(
                sql,
                statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, id);
                    try (var rows = statement.executeQuery()) {
                        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                    }
                });
    }

    /** Reads one row of {@link #COLUMNS}. */
    StoredCustomer read(ResultSet rows) throws SQLException {
        Customer customer =
                new Customer(
                        new CustomerId(rows.getObject("id", UUID.class)),
                        rows.getString("tenant"),
                        rows.getString("display_name"),
                        rows.getString("preferred_language"),
                        rows.getString("tier"),
                        new Consents(
                                ConsentState.valueOf(rows.getString("consent_phone")),
                                ConsentState.valueOf(rows.getString("consent_whatsapp")),
                                ConsentState.valueOf(rows.getString("consent_email")),
                                ConsentState.valueOf(rows.getString("consent_marketing"))),
                        new LinkedHashSet<>(
                                Arrays.asList((String[]) rows.getArray("tags").getArray())),
                        readAttributes(rows.getString("attributes")),
                        rows.getString("owner_agent"),
                        instant(rows, "created_at"),
                        instant(rows, "updated_at"),
                        rows.getLong("version"));
        return new StoredCustomer(customer, instant(rows, "erased_at"));
    }

    /** Columns from display_name to owner_agent, from {@code index}; returns the next index. */
    private int setFields(PreparedStatement statement, int index, Customer c) throws SQLException {
        statement.setString(index, c.displayName());
        statement.setString(index + 1, c.preferredLanguage());
        statement.setString(index + 2, c.tier());
        statement.setString(index + 3, c.consents().phone().name());
        statement.setString(index + 4, c.consents().whatsapp().name());
        statement.setString(index + 5, c.consents().email().name());
        statement.setString(index + 6, c.consents().marketing().name());
        statement.setArray(
                index + 7,
                statement.getConnection().createArrayOf("text", c.tags().toArray(String[]::new)));
        statement.setString(index + 8, writeAttributes(c.attributes()));
        statement.setString(index + 9, c.ownerAgent());
        return index + 10;
    }

    private String writeAttributes(Map<String, String> attributes) {
        try {
            return json.writeValueAsString(attributes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> readAttributes(String text) {
        try {
            return json.readValue(text, Argument.mapOf(String.class, String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime at = rows.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
