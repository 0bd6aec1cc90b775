package io.ringstream.routing.screenpop;

import io.ringstream.clickhouse.Table;
import io.ringstream.routing.screenpop.CustomerCard.RecentContact;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Reads a customer's latest contacts from ClickHouse: which contacts are the customer's from the
 * {@code contact_customers} view (a contact's latest non-empty {@code customer_id}), what happened
 * from {@code contact_events}, and how the customer felt from {@code conversation_sentiment}. SQL
 * that runs on 18.16 and current releases (no window functions, {@code FINAL} without aliases).
 */
public final class ClickHouseRecentContacts implements RecentContacts {
    static final String CONTACT_CUSTOMERS = Table.CONTACT_CUSTOMERS.qualifiedName();

    private final DataSource dataSource;

    public ClickHouseRecentContacts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static String contactsSql(int customers, int limit) {
        return "SELECT contact_id, argMin(channel, event_time_ms),"
                + " argMaxIf(queue, event_time_ms, queue != ''),"
                + " argMaxIf(agent_id, event_time_ms, type = 'ANSWERED'),"
                + " min(event_time_ms) AS started,"
                + " maxIf(wait_ms, type IN ('ANSWERED', 'ABANDONED')),"
                + " sumIf(duration_ms, type = 'TALK_ENDED'), countIf(type = 'TALK_ENDED'),"
                + " multiIf(countIf(type = 'ABANDONED') > 0, 'ABANDONED',"
                + " countIf(type = 'ANSWERED') > 0, 'ANSWERED',"
                + " countIf(type = 'ENDED') > 0, 'ENDED', 'IN_PROGRESS')"
                + " FROM "
                + Table.CONTACT_EVENTS.qualifiedName()
                + " FINAL WHERE tenant = ? AND contact_id != ? AND contact_id IN"
                + " (SELECT contact_id FROM "
                + CONTACT_CUSTOMERS
                + " WHERE tenant = ? AND customer_id IN ("
                + placeholders(customers)
                + "))"
                + " GROUP BY contact_id ORDER BY started DESC, contact_id LIMIT "
                + limit;
    }

    static String sentimentSql(int contacts) {
        return "SELECT contact_id, avgIf(score, speaker = 'CUSTOMER' AND isNotNull(score)),"
                + " countIf(speaker = 'CUSTOMER' AND isNotNull(score)),"
                + " argMax(customer_rolling, turn)"
                + " FROM "
                + Table.CONVERSATION_SENTIMENT.qualifiedName()
                + " FINAL WHERE tenant = ? AND contact_id IN ("
                + placeholders(contacts)
                + ") GROUP BY contact_id";
    }

    @Override
    public List<RecentContact> latest(
            String tenant, List<String> customerIds, String excludedContactId, int limit) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            List<RecentContact> contacts =
                    contacts(connection, tenant, customerIds, excludedContactId, limit);
            if (contacts.isEmpty()) {
                return contacts;
            }
            Map<String, double[]> feelings = sentiment(connection, tenant, contacts);
            List<RecentContact> out = new ArrayList<>();
            for (RecentContact c : contacts) {
                double[] f = feelings.get(c.contactId());
                out.add(
                        f == null
                                ? c
                                : new RecentContact(
                                        c.contactId(),
                                        c.channel(),
                                        c.queue(),
                                        c.agentId(),
                                        c.startedAt(),
                                        c.waitMs(),
                                        c.talkMs(),
                                        c.outcome(),
                                        Double.isNaN(f[0]) ? null : f[0],
                                        Double.isNaN(f[1]) ? null : f[1]));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read recent contacts: " + e, e);
        }
    }

    private static List<RecentContact> contacts(
            Connection connection,
            String tenant,
            List<String> customerIds,
            String excludedContactId,
            int limit)
            throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement(contactsSql(customerIds.size(), limit))) {
            statement.setString(1, tenant);
            statement.setString(2, excludedContactId == null ? "" : excludedContactId);
            statement.setString(3, tenant);
            for (int i = 0; i < customerIds.size(); i++) {
                statement.setString(4 + i, customerIds.get(i));
            }
            List<RecentContact> out = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long wait = rs.getLong(6);
                    Long waitMs = rs.wasNull() ? null : wait;
                    long talk = rs.getLong(7);
                    boolean talked = !rs.wasNull() && rs.getLong(8) > 0;
                    out.add(
                            new RecentContact(
                                    rs.getString(1),
                                    rs.getString(2),
                                    emptyToNull(rs.getString(3)),
                                    emptyToNull(rs.getString(4)),
                                    rs.getLong(5),
                                    waitMs,
                                    talked ? talk : null,
                                    rs.getString(9),
                                    null,
                                    null));
                }
            }
            return out;
        }
    }

    /** Per contact: the customer's mean score and last rolling score (NaN when none). */
    private static Map<String, double[]> sentiment(
            Connection connection, String tenant, List<RecentContact> contacts)
            throws SQLException {
        Map<String, double[]> out = new HashMap<>();
        try (PreparedStatement statement =
                connection.prepareStatement(sentimentSql(contacts.size()))) {
            statement.setString(1, tenant);
            for (int i = 0; i < contacts.size(); i++) {
                statement.setString(2 + i, contacts.get(i).contactId());
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    double average = rs.getLong(3) > 0 ? rs.getDouble(2) : Double.NaN;
                    double last = rs.getDouble(4);
                    out.put(
                            rs.getString(1),
                            new double[] {average, rs.wasNull() ? Double.NaN : last});
                }
            }
        }
        return out;
    }

    private static String placeholders(int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> "?")
                .collect(Collectors.joining(", "));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
