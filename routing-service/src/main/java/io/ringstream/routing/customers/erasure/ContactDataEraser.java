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
