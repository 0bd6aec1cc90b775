package io.ringstream.routing.business;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.ringstream.routing.leads.Sql;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code business_events} rows, whose primary key (tenant, idempotency key) is what makes a
 * booking system's replay harmless. Callers run these inside their transaction.
 */
@Singleton
@Requires(beans = DataSource.class)
public class BusinessEventStore {
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    public BusinessEventStore(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Serialises every transaction working on one (tenant, key) until it ends: the second of two
     * concurrent requests with one key waits, then finds the first one's row. A transaction-level
     * advisory lock, because the row cannot be inserted first (it references the customer and lead
     * the request resolves and creates). Two keys with one hash merely wait for each other.
     */
    void lockKey(String tenant, String key) {
        jdbc.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
                statement -> {
                    statement.setString(1, tenant + '\u001f' + key);
                    try (ResultSet rows = statement.executeQuery()) {
                        return rows.next();
                    }
                });
    }

    Optional<RecordedBusinessEvent> find(String tenant, String key) {
        return jdbc.prepareStatement(
                "SELECT request_hash, event_id, type, customer_id, lead_id, contact_id, amount,"
                        + " currency, occurred_at, received_at FROM business_events"
                        + " WHERE tenant = ? AND idempotency_key = ?",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, key);
                    try (ResultSet rows = statement.executeQuery()) {
                        if (!rows.next()) {
                            return Optional.<RecordedBusinessEvent>empty();
                        }
                        String currency = rows.getString("currency");
                        return Optional.of(
                                new RecordedBusinessEvent(
                                        tenant,
                                        key,
                                        rows.getString("request_hash"),
                                        rows.getString("event_id"),
                                        rows.getString("type"),
                                        rows.getObject("customer_id", UUID.class),
                                        rows.getObject("lead_id", UUID.class),
                                        rows.getString("contact_id"),
                                        rows.getBigDecimal("amount"),
                                        currency == null ? null : currency.strip(),
                                        Sql.instant(rows, "occurred_at"),
                                        Sql.instant(rows, "received_at"),
                                        null));
                    }
                });
    }

    void insert(RecordedBusinessEvent event) {
        String attributes;
        try {
            attributes = json.writeValueAsString(event.attributes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.prepareStatement(
                "INSERT INTO business_events (tenant, idempotency_key, request_hash, event_id,"
                        + " type, customer_id, lead_id, contact_id, amount, currency, occurred_at,"
                        + " received_at, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?::jsonb)",
                statement -> {
                    statement.setString(1, event.tenant());
                    statement.setString(2, event.idempotencyKey());
                    statement.setString(3, event.requestHash());
                    statement.setString(4, event.eventId());
                    statement.setString(5, event.type());
                    statement.setObject(6, event.customerId());
                    statement.setObject(7, event.leadId());
                    statement.setString(8, event.contactId());
                    statement.setBigDecimal(9, event.amount());
                    if (event.currency() == null) {
                        statement.setNull(10, Types.CHAR);
                    } else {
                        statement.setString(10, event.currency());
                    }
                    statement.setObject(11, Sql.timestamp(event.occurredAt()));
                    statement.setObject(12, Sql.timestamp(event.receivedAt()));
                    statement.setString(13, attributes);
                    return statement.executeUpdate();
                });
    }
}
