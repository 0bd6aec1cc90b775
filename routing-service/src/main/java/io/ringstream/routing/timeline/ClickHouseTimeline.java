package io.ringstream.routing.timeline;

import io.ringstream.clickhouse.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The timeline's ClickHouse sources: the customer's contacts (one item per contact, from its
 * contact events), their messages and transcript lines with sentiment, their SLA warnings and
 * breaches, and the customer's RFM segment changes. Each query returns at most a page of items
 * before the cursor, in timeline order.
 *
 * <p>Reads go through the tables of migration V045, sorted for lookups, instead of {@code
 * contact_events}, whose sorting key (tenant, queue, time) makes every customer or contact filter
 * scan the tenant: {@code contact_events_by_customer} (a customer's events are one index range;
 * events before a contact was identified sit under customer {@code ''}, sorted by contact) and
 * {@code customers_of_contacts} (every customer each contact named, with the latest time). No
 * statement uses {@code FINAL}: rows written twice by an at-least-once sink are the same event with
 * the same {@code event_id}, so the statements group by {@code event_id} or sum over distinct
 * {@code (event_id, value)} pairs instead.
 *
 * <p>Each statement finds the customer's contacts itself, in subqueries over those two tables (a
 * few milliseconds), so the three run in parallel from the start. Finding the contacts once and
 * sending them as a list was measured slower: a round trip more, and 1,000 literal ids cost more to
 * send and parse than the lookup (docs/benchmarks.md, "Customer timeline").
 *
 * <p>Every statement runs on ClickHouse 18.16 and current releases: plain GROUP BY, {@code argMax}
 * and the {@code -If} combinators, aliases in WHERE/HAVING, no window functions. Aliases are named
 * {@code item_*} so none shadows a column (18.16 resolves a column name to a SELECT alias of the
 * same name; {@code sla_events} has a column {@code kind}).
 */
public final class ClickHouseTimeline {
    static final String SEGMENT_CHANGE = "SEGMENT_CHANGE";

    private static final String ORDER =
            " ORDER BY item_t DESC, item_kind DESC, item_id DESC LIMIT ?";

    private static final Map<String, String> CHANNEL_TITLES =
            Map.of(
                    "VOICE", "Call",
                    "CHAT", "Chat",
                    "MESSAGING", "Messages",
                    "EMAIL", "E-mail",
                    "CALLBACK", "Callback",
                    "TICKET", "Ticket");

    private final DataSource dataSource;

    public ClickHouseTimeline(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The contacts that ever named one of the query's ids (a superset of the customer's). */
    private static String candidates(TimelineQuery q, SqlParameters p) {
        p.add(q.tenant()).addAll(q.idTexts());
        return "SELECT contact_id FROM "
                + Table.CONTACT_EVENTS_BY_CUSTOMER.qualifiedName()
                + " WHERE tenant = ? AND customer_id IN ("
                + q.idPlaceholders()
                + ")";
    }

    /**
     * The customer's contacts: as in the {@code contact_customers} view, a contact's customer is
     * the latest non-empty {@code customer_id} of its events (a contact re-identified as someone
     * else is theirs). The contacts that ever named one of the ids are an index range of {@code
     * contact_events_by_customer}; their rows in {@code customers_of_contacts} say whose they are
     * now.
     */
    private static String customerContacts(TimelineQuery q, SqlParameters p) {
        p.add(q.tenant());
        String sql =
                "SELECT contact_id FROM "
                        + Table.CUSTOMERS_OF_CONTACTS.qualifiedName()
                        + " WHERE tenant = ? AND contact_id IN ("
                        + candidates(q, p)
                        + ") GROUP BY contact_id HAVING argMax(customer_id, event_time_ms) IN ("
                        + q.idPlaceholders()
                        + ")";
        p.addAll(q.idTexts());
        return sql;
    }

    /**
     * Every customer the candidate contacts named: with {@code ''}, a superset of the customers
     * under which the customer's contacts have events in {@code contact_events_by_customer}.
     */
    private static String namedCustomers(TimelineQuery q, SqlParameters p) {
        p.add(q.tenant());
        return "SELECT customer_id FROM "
                + Table.CUSTOMERS_OF_CONTACTS.qualifiedName()
                + " WHERE tenant = ? AND contact_id IN ("
                + candidates(q, p)
                + ")";
    }

    /**
     * One {@code CONTACT} item per contact, at the time of its first event. A contact's events are
     * those under its customers and under {@code ''}. The sums add each {@code event_id} once (a
     * re-delivered event would count its wait or talk twice); the other aggregates do not mind a
     * repeated row.
     */
    public List<TimelineItem> contacts(TimelineQuery q) throws SQLException {
        SqlParameters p = new SqlParameters().add(q.tenant());
        String sql =
                "SELECT contact_id AS item_id, min(event_time_ms) AS item_t,"
                        + " 'CONTACT' AS item_kind, argMin(channel, event_time_ms) AS first_channel,"
                        + " argMaxIf(queue, event_time_ms, queue != '') AS last_queue,"
                        + " argMaxIf(agent_id, event_time_ms, type = 'ANSWERED') AS answered_by,"
                        + " arraySum(arrayMap(e -> e.2, groupUniqArrayIf((event_id,"
                        + " ifNull(wait_ms, 0)), type IN ('ANSWERED', 'ABANDONED')))) AS wait_total,"
                        + " arraySum(arrayMap(e -> e.2, groupUniqArrayIf((event_id,"
                        + " ifNull(duration_ms, 0)), type = 'TALK_ENDED'))) AS talk_total,"
                        + " countIf(type = 'ANSWERED') AS answers,"
                        + " countIf(type = 'ABANDONED') AS abandons,"
                        + " countIf(type IN ('ENDED', 'DEQUEUED', 'TALK_ENDED', 'WRAPUP_ENDED'))"
                        + " AS finishes, max(event_time_ms) AS last_t"
                        + " FROM "
                        + Table.CONTACT_EVENTS_BY_CUSTOMER.qualifiedName()
                        + " WHERE tenant = ? AND (customer_id = '' OR customer_id IN ("
                        + namedCustomers(q, p)
                        + ")) AND contact_id IN ("
                        + customerContacts(q, p)
                        + ") GROUP BY contact_id HAVING "
                        + p.before(q.before(), "item_t", "item_kind", "item_id", "")
                        + ORDER;
        p.add(q.limit());
        return query(
                sql,
                p,
                rs -> {
                    String channel = rs.getString("first_channel");
                    String queue = rs.getString("last_queue");
                    String agent = rs.getString("answered_by");
                    String outcome =
                            outcome(
                                    rs.getLong("answers"),
                                    rs.getLong("abandons"),
                                    rs.getLong("finishes"));
                    String title =
                            CHANNEL_TITLES.getOrDefault(channel, channel)
                                    + (queue.isEmpty() ? "" : " in " + queue)
                                    + ": "
                                    + outcome.toLowerCase().replace('_', ' ')
                                    + (agent.isEmpty() ? "" : " by agent " + agent);
                    return TimelineItem.of(
                            rs.getLong("item_t"),
                            "CONTACT",
                            rs.getString("item_id"),
                            title,
                            new TimelineDetails.Contact(
                                    rs.getString("item_id"),
                                    channel,
                                    queue,
                                    agent,
                                    rs.getLong("wait_total"),
                                    rs.getLong("talk_total"),
                                    outcome,
                                    Instant.ofEpochMilli(rs.getLong("last_t")).toString()));
                });
    }

    /** What became of a contact, from its counts of answers, abandons and finishing events. */
    static String outcome(long answers, long abandons, long finishes) {
        if (answers > 0) {
            return "ANSWERED";
        }
        if (abandons > 0) {
            return "ABANDONED";
        }
        return finishes > 0 ? "UNANSWERED" : "IN_PROGRESS";
    }

    /**
     * Chat messages ({@code MESSAGE}) and transcript segments ({@code TRANSCRIPT_LINE}), one per
     * {@code event_id}.
     */
    public List<TimelineItem> utterances(TimelineQuery q) throws SQLException {
        SqlParameters p = new SqlParameters().add(q.tenant());
        String sql =
                "SELECT event_id AS item_id, any(event_time_ms) AS item_t,"
                        + " if(any(type) = 'TRANSCRIPT_SEGMENT', 'TRANSCRIPT_LINE', 'MESSAGE')"
                        + " AS item_kind, any(contact_id) AS item_contact,"
                        + " any(channel) AS item_channel, any(speaker) AS item_speaker,"
                        + " any(text) AS item_text, any(language) AS item_language,"
                        + " any(score) AS item_score, any(label) AS item_label,"
                        + " any(confidence) AS item_confidence, any(model) AS item_model"
                        + " FROM "
                        + Table.UTTERANCE_SENTIMENT.qualifiedName()
                        + " WHERE tenant = ? AND "
                        + "contact_id IN ("
                        + customerContacts(q, p)
                        + ") GROUP BY event_id HAVING "
                        + p.before(q.before(), "item_t", "item_kind", "item_id", "")
                        + ORDER;
        p.add(q.limit());
        return query(
                sql,
                p,
                rs -> {
                    String speaker = rs.getString("item_speaker");
                    String label = rs.getString("item_label");
                    String text = rs.getString("item_text");
                    String title =
                            (speaker.isEmpty()
                                            ? "Unknown"
                                            : speaker.charAt(0)
                                                    + speaker.substring(1).toLowerCase())
                                    + (label.isEmpty() ? "" : " (" + label.toLowerCase() + ")")
                                    + ": "
                                    + TimelineItem.shorten(text, 80);
                    return TimelineItem.of(
                            rs.getLong("item_t"),
                            rs.getString("item_kind"),
                            rs.getString("item_id"),
                            title,
                            new TimelineDetails.Utterance(
                                    rs.getString("item_contact"),
                                    rs.getString("item_channel"),
                                    speaker,
                                    text,
                                    rs.getString("item_language"),
                                    nullableDouble(rs, "item_score"),
                                    label,
                                    nullableDouble(rs, "item_confidence"),
                                    rs.getString("item_model")));
                });
    }

    /**
     * SLA verdicts {@code WARNING} and {@code BREACH} on the customer's contacts, one per {@code
     * event_id}. {@code sla_events} is sorted by (tenant, kind, time): the contact filter reads the
     * tenant's verdicts (one or two per contact, a small fraction of its contact events).
     */
    public List<TimelineItem> slaEvents(TimelineQuery q) throws SQLException {
        SqlParameters p = new SqlParameters().add(q.tenant());
        String sql =
                "SELECT event_id AS item_id, any(event_time_ms) AS item_t,"
                        + " if(any(type) = 'BREACH', 'SLA_BREACH', 'SLA_WARNING') AS item_kind,"
                        + " any(contact_id) AS item_contact, any(kind) AS item_sla_kind,"
                        + " any(queue) AS item_queue, any(agent_id) AS item_agent,"
                        + " any(channel) AS item_channel, any(policy_id) AS item_policy,"
                        + " any(threshold_ms) AS item_threshold, any(elapsed_ms) AS item_elapsed"
                        + " FROM "
                        + Table.SLA_EVENTS.qualifiedName()
                        + " WHERE tenant = ? AND type IN ('WARNING', 'BREACH') AND "
                        + "contact_id IN ("
                        + customerContacts(q, p)
                        + ") GROUP BY event_id HAVING "
                        + p.before(q.before(), "item_t", "item_kind", "item_id", "")
                        + ORDER;
        p.add(q.limit());
        return query(
                sql,
                p,
                rs -> {
                    String kind = rs.getString("item_kind");
                    String queue = rs.getString("item_queue");
                    String title =
                            (kind.equals("SLA_BREACH") ? "SLA breach: " : "SLA warning: ")
                                    + rs.getString("item_sla_kind").toLowerCase().replace('_', ' ')
                                    + (queue.isEmpty() ? "" : " in " + queue);
                    return TimelineItem.of(
                            rs.getLong("item_t"),
                            kind,
                            rs.getString("item_id"),
                            title,
                            new TimelineDetails.Sla(
                                    rs.getString("item_contact"),
                                    rs.getString("item_sla_kind"),
                                    queue,
                                    rs.getString("item_agent"),
                                    rs.getString("item_channel"),
                                    rs.getString("item_policy"),
                                    rs.getLong("item_threshold"),
                                    rs.getLong("item_elapsed")));
                });
    }

    /**
     * {@code SEGMENT_CHANGE} items: the days the customer's RFM segment changed, from its {@code
     * customer_value} rows by {@code as_of} (the conversion job writes a row for each day a score
     * changed; {@code FINAL} keeps each day's latest version). The first row with a segment is an
     * item too, with no previous segment. Only the customer's own id: the job folds a merged
     * customer's purchases into the survivor, and a merged id's rows are another scoring history.
     *
     * <p>A customer has one row per day its scores changed, so all of them are read (one index
     * range of the table's key) and the changes, the cursor and the limit are applied here, in the
     * timeline's order, where comparing each row with the previous one needs no window function.
     */
    public List<TimelineItem> segmentChanges(TimelineQuery q) throws SQLException {
        SqlParameters p = new SqlParameters().add(q.tenant()).add(q.customerId().toString());
        String sql =
                "SELECT toString(as_of) AS item_day, as_of_ms AS item_t,"
                        + " segment AS item_segment, rfm AS item_rfm, clv_12m AS item_clv,"
                        + " currency AS item_currency FROM "
                        + Table.CUSTOMER_VALUE.qualifiedName()
                        + " FINAL WHERE tenant = ? AND customer_id = ? AND segment != ''"
                        + " ORDER BY as_of";
        List<String[]> rows =
                query(
                        sql,
                        p,
                        rs -> {
                            double clv = rs.getDouble("item_clv");
                            String value =
                                    rs.wasNull() || !Double.isFinite(clv)
                                            ? null
                                            : java.math.BigDecimal.valueOf(clv)
                                                    .setScale(2, java.math.RoundingMode.HALF_EVEN)
                                                    .toPlainString();
                            return new String[] {
                                rs.getString("item_day"),
                                Long.toString(rs.getLong("item_t")),
                                rs.getString("item_segment"),
                                rs.getString("item_rfm"),
                                value,
                                rs.getString("item_currency")
                            };
                        });
        List<TimelineItem> changes = new ArrayList<>();
        String previous = null;
        for (String[] row : rows) {
            String segment = row[2];
            if (!segment.equals(previous)) {
                String title =
                        previous == null
                                ? "Segment: " + segment
                                : "Segment: " + previous + " \u2192 " + segment;
                changes.add(
                        TimelineItem.of(
                                Long.parseLong(row[1]),
                                SEGMENT_CHANGE,
                                row[0],
                                title,
                                new TimelineDetails.SegmentChange(
                                        row[0], previous, segment, row[3], row[4], row[5])));
            }
            previous = segment;
        }
        return changes.stream()
                .filter(
                        item ->
                                q.before() == null
                                        || TimelineCursor.NEWEST_FIRST.compare(
                                                        item.position(), q.before())
                                                > 0)
                .sorted(Comparator.comparing(TimelineItem::position, TimelineCursor.NEWEST_FIRST))
                .limit(q.limit())
                .toList();
    }

    /** A round trip to the server, for the benchmark's reference measurement. */
    public void ping() throws SQLException {
        query("SELECT 1", new SqlParameters(), rs -> null);
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private <T> List<T> query(String sql, SqlParameters p, SqlParameters.RowMapper<T> mapper)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            return p.query(statement, mapper);
        }
    }
}
