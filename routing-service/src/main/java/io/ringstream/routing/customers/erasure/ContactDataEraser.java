package io.ringstream.routing.customers.erasure;

import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.clickhouse.Table;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Removes an erased customer's personal data from ClickHouse's contact history: the caller number
 * and name that contact events carry in their attributes, and the words of their transcripts. The
 * facts stay (when, which queue, which agent, how long, the sentiment scores), so analytics keep
 * their counts without knowing who called.
 *
 * <p>The customer's own commercial and scoring rows are deleted outright: its business events
 * ({@code business_events}), its funnel episodes ({@code funnel_progress}) and its value and
 * segment history ({@code customer_value}). They are about the person, keyed by the customer id,
 * and no count needs them per person: {@code funnel_stats} and {@code customer_value_fits} keep the
 * aggregates.
 *
 * <p>ClickHouse mutations ({@code ALTER TABLE ... UPDATE}) run in the background: this returns once
 * they are queued; {@code system.mutations} shows them finish. A contact's events from before its
 * customer was known are found through the contact id, so they are scrubbed too.
 */
@Singleton
public class ContactDataEraser {
    /** Contacts per mutation: the id list is part of the statement. */
    private static final int BATCH = 500;

    private final ClickHouseJdbc clickHouse;

    public ContactDataEraser(ClickHouseJdbc clickHouse) {
        this.clickHouse = clickHouse;
    }

    /**
     * Queues the scrubbing of every contact of the given customers (the erased one and the ids
     * merged into it).
     *
     * @return the contacts found
     */
    public List<String> erase(String tenant, Collection<UUID> customerIds) {
        deleteCustomerRows(tenant, customerIds);
        List<String> contacts = contactsOf(tenant, customerIds);
        for (int from = 0; from < contacts.size(); from += BATCH) {
            String ids = quoted(contacts.subList(from, Math.min(contacts.size(), from + BATCH)));
            String where = " WHERE tenant = " + quote(tenant) + " AND contact_id IN (" + ids + ")";
            clickHouse.execute(
                    "ALTER TABLE "
                            + Table.CONTACT_EVENTS.qualifiedName()
                            + " UPDATE attributes = '{}'"
                            + where);
            clickHouse.execute(
                    "ALTER TABLE "
                            + Table.UTTERANCE_SENTIMENT.qualifiedName()
                            + " UPDATE text = ''"
                            + where);
            clickHouse.execute(
                    "ALTER TABLE "
                            + Table.SENTIMENT_ALERTS.qualifiedName()
                            + " UPDATE text = '', message = ''"
                            + where);
        }
        return contacts;
    }

    /** The tables whose rows of an erased customer are deleted, not scrubbed. */
    static final List<Table> CUSTOMER_ROWS =
            List.of(Table.BUSINESS_EVENTS, Table.FUNNEL_PROGRESS, Table.CUSTOMER_VALUE);

    /** Queues the deletion of the customers' rows in {@link #CUSTOMER_ROWS} (idempotent). */
    private void deleteCustomerRows(String tenant, Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return;
        }
        String ids = quoted(customerIds.stream().map(UUID::toString).sorted().toList());
        for (Table table : CUSTOMER_ROWS) {
            clickHouse.execute(
                    "ALTER TABLE "
                            + table.qualifiedName()
                            + " DELETE WHERE tenant = "
                            + quote(tenant)
                            + " AND customer_id IN ("
                            + ids
                            + ")");
        }
    }

    private List<String> contactsOf(String tenant, Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        String sql =
                "SELECT DISTINCT contact_id FROM "
                        + Table.CONTACT_EVENTS.qualifiedName()
                        + " WHERE tenant = ? AND customer_id IN ("
                        + quoted(customerIds.stream().map(UUID::toString).toList())
                        + ")";
        try (Connection connection = clickHouse.connection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            List<String> contacts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    contacts.add(rows.getString(1));
                }
            }
            return contacts;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot list the customer's contacts: " + e.getMessage(), e);
        }
    }

    private static String quoted(List<String> values) {
        return values.stream().map(ContactDataEraser::quote).collect(Collectors.joining(", "));
    }

    /** A ClickHouse string literal: backslash and quote escaped (ids come from our own tables). */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
