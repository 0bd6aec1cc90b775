package io.ringstream.routing.leads;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.topics.Topic;
import io.ringstream.events.topics.Topics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** What the tests read back from PostgreSQL: outbox events and counted rows of a tenant. */
public final class Rows {
    private final TransactionOperations<Connection> transactions;
    private final JdbcOperations jdbc;

    public Rows(TransactionOperations<Connection> transactions, JdbcOperations jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /** The tenant's business events waiting in the outbox, in outbox order. */
    public List<BusinessEvent> businessEvents(String tenant) {
        return transactions.executeRead(
                status ->
                        jdbc.prepareStatement(
                                "SELECT payload FROM outbox WHERE topic = ? ORDER BY id",
                                statement -> {
                                    statement.setString(1, Topics.BUSINESS_EVENTS.name());
                                    List<BusinessEvent> events = new ArrayList<>();
                                    try (ResultSet rows = statement.executeQuery()) {
                                        while (rows.next()) {
                                            BusinessEvent e =
                                                    Topics.BUSINESS_EVENTS
                                                            .serde()
                                                            .deserialize(rows.getBytes(1));
                                            if (e.tenant().equals(tenant)) {
                                                events.add(e);
                                            }
                                        }
                                    }
                                    return events;
                                }));
    }

    /** The tenant's events of {@code topic} waiting in the outbox, in outbox order. */
    public <T extends RingstreamEvent> List<T> outbox(Topic<T> topic, String tenant) {
        return transactions.executeRead(
                status ->
                        jdbc.prepareStatement(
                                "SELECT payload FROM outbox WHERE topic = ? ORDER BY id",
                                statement -> {
                                    statement.setString(1, topic.name());
                                    List<T> events = new ArrayList<>();
                                    try (ResultSet rows = statement.executeQuery()) {
                                        while (rows.next()) {
                                            T e = topic.serde().deserialize(rows.getBytes(1));
                                            if (e.tenant().equals(tenant)) {
                                                events.add(e);
                                            }
                                        }
                                    }
                                    return events;
                                }));
    }

    /** {@code SELECT count(*) FROM <table> WHERE tenant = ?}. */
    public long count(String table, String tenant) {
        return transactions.executeRead(
                status ->
                        jdbc.prepareStatement(
                                "SELECT count(*) FROM " + table + " WHERE tenant = ?",
                                statement -> {
                                    statement.setString(1, tenant);
                                    try (ResultSet rows = statement.executeQuery()) {
                                        rows.next();
                                        return rows.getLong(1);
                                    }
                                }));
    }

    /** The lead's stage changes as {@code FROM>TO}, oldest first ({@code >NEW} for creation). */
    public List<String> stageChanges(String tenant, String leadId) {
        return transactions.executeRead(
                status ->
                        jdbc.prepareStatement(
                                "SELECT from_stage, to_stage FROM lead_stage_changes"
                                        + " WHERE tenant = ? AND lead_id = ?::uuid ORDER BY id",
                                statement -> {
                                    statement.setString(1, tenant);
                                    statement.setString(2, leadId);
                                    List<String> changes = new ArrayList<>();
                                    try (ResultSet rows = statement.executeQuery()) {
                                        while (rows.next()) {
                                            String from = rows.getString(1);
                                            changes.add(
                                                    (from == null ? "" : from)
                                                            + ">"
                                                            + rows.getString(2));
                                        }
                                    }
                                    return changes;
                                }));
    }
}
