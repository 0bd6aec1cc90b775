package io.ringstream.routing.timeline;

import io.ringstream.clickhouse.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The timeline's ClickHouse sources: the customer's contacts (one item per contact, from its
 * contact events), their messages and transcript lines with sentiment, and their SLA warnings and
 * breaches. Each query returns at most a page of items before the cursor, in timeline order.
 *
 * <p>Every statement runs on ClickHouse 18.16 and current releases: plain GROUP BY, {@code argMax}
 * and the {@code -If} combinators, aliases in WHERE/HAVING, no window functions. Aliases are named
 * {@code item_*} so none shadows a column (18.16 resolves a column name to a SELECT alias of the
 * same name; {@code sla_events} has a column {@code kind}).
 */
public final class ClickHouseTimeline {
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

    /**
     * The contacts whose customer is one of the query's ids: as in the {@code contact_customers}
     * view, a contact's customer is the latest non-empty {@code customer_id} of its events (a
     * contact re-identified as someone else is theirs). The view itself aggregates every contact of
     * every tenant (18.16 pushes no predicate into it), so this narrows to the contacts that ever
     * named one of the ids first, then checks their latest customer.
     */
    private static String customerContacts(TimelineQuery q, SqlParameters p) {
        String events = Table.CONTACT_EVENTS.qualifiedName();
        p.add(q.tenant()).add(q.tenant()).addAll(q.idTexts()).addAll(q.idTexts());
        return "SELECT contact_id FROM "
                + events
                + " WHERE tenant = ? AND customer_id != '' AND contact_id IN (SELECT contact_id FROM "
                + events
                + " WHERE tenant = ? AND customer_id IN ("
                + q.idPlaceholders()
                + ")) GROUP BY contact_id HAVING argMax(customer_id, event_time_ms) IN ("
                + q.idPlaceholders()
                + ")";
    }

    /** One {@code CONTACT} item per contact, at the time of its first event. */
    public List<TimelineItem> contacts(TimelineQuery q) throws SQLException {
        SqlParameters p = new SqlParameters().add(q.tenant());
        String sql =
                "SELECT contact_id AS item_id, min(event_time_ms) AS item_t,"
                        + " 'CONTACT' AS item_kind, argMin(channel, event_time_ms) AS first_channel,"
                        + " argMaxIf(queue, event_time_ms, queue != '') AS last_queue,"
                        + " argMaxIf(agent_id, event_time_ms, type = 'ANSWERED') AS answered_by,"
                        + " sumIf(ifNull(wait_ms, 0), type IN ('ANSWERED', 'ABANDONED')) AS wait_total,"
                        + " sumIf(ifNull(duration_ms, 0), type = 'TALK_ENDED') AS talk_total,"
                        + " countIf(type = 'ANSWERED') AS answers,"
                        + " countIf(type = 'ABANDONED') AS abandons,"
                        + " countIf(type IN ('ENDED', 'DEQUEUED', 'TALK_ENDED', 'WRAPUP_ENDED'))"
                        + " AS finishes, max(event_time_ms) AS last_t"
                        + " FROM "
                        + Table.CONTACT_EVENTS.qualifiedName()
                        + " FINAL WHERE tenant = ? AND contact_id IN ("
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

    /** Chat messages ({@code MESSAGE}) and transcript segments ({@code TRANSCRIPT_LINE}). */
    public List<TimelineItem> utterances(TimelineQuery q) throws SQLException {
        SqlParameters p = new SqlParameters().add(q.tenant());
        String sql =
                "SELECT event_id AS item_id, event_time_ms AS item_t,"
                        + " if(type = 'TRANSCRIPT_SEGMENT', 'TRANSCRIPT_LINE', 'MESSAGE') AS item_kind,"
                        + " contact_id, channel, speaker, text, language, score, label,"
                        + " confidence, model"
                        + " FROM "
                        + Table.UTTERANCE_SENTIMENT.qualifiedName()
                        + " FINAL WHERE tenant = ? AND contact_id IN ("
                        + customerContacts(q, p)
                        + ") AND "
                        + p.before(q.before(), "item_t", "item_kind", "item_id", "")
                        + ORDER;
        p.add(q.limit());
        return query(
                sql,
                p,
                rs -> {
                    String speaker = rs.getString("speaker");
                    String label = rs.getString("label");
                    String text = rs.getString("text");
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
                                    rs.getString("contact_id"),
                                    rs.getString("channel"),
                                    speaker,
                                    text,
                                    rs.getString("language"),
                                    nullableDouble(rs, "score"),
                                    label,
                                    nullableDouble(rs, "confidence"),
                                    rs.getString("model")));
                });
    }

    /** SLA verdicts {@code WARNING} and {@code BREACH} on the customer's contacts. */
    public List<TimelineItem> slaEvents(TimelineQuery q) throws SQLException {
        SqlParameters p = new SqlParameters().add(q.tenant());
        String sql =
                "SELECT event_id AS item_id, event_time_ms AS item_t,"
                        + " if(type = 'BREACH', 'SLA_BREACH', 'SLA_WARNING') AS item_kind,"
                        + " contact_id, kind, queue, agent_id, channel, policy_id,"
                        + " threshold_ms, elapsed_ms"
                        + " FROM "
                        + Table.SLA_EVENTS.qualifiedName()
                        + " FINAL WHERE tenant = ? AND type IN ('WARNING', 'BREACH')"
                        + " AND contact_id IN ("
                        + customerContacts(q, p)
                        + ") AND "
                        + p.before(q.before(), "item_t", "item_kind", "item_id", "")
                        + ORDER;
        p.add(q.limit());
        return query(
                sql,
                p,
                rs -> {
                    String kind = rs.getString("item_kind");
                    String queue = rs.getString("queue");
                    String title =
                            (kind.equals("SLA_BREACH") ? "SLA breach: " : "SLA warning: ")
                                    + rs.getString("kind").toLowerCase().replace('_', ' ')
                                    + (queue.isEmpty() ? "" : " in " + queue);
                    return TimelineItem.of(
                            rs.getLong("item_t"),
                            kind,
                            rs.getString("item_id"),
                            title,
                            new TimelineDetails.Sla(
                                    rs.getString("contact_id"),
                                    rs.getString("kind"),
                                    queue,
                                    rs.getString("agent_id"),
                                    rs.getString("channel"),
                                    rs.getString("policy_id"),
                                    rs.getLong("threshold_ms"),
                                    rs.getLong("elapsed_ms")));
                });
    }

    /** A round trip to the server, for the benchmark's reference measurement. */
    public void ping() throws SQLException {
        query("SELECT 1", new SqlParameters(), rs -> null);
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** Maps one result row; may throw like JDBC itself. */
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, SqlParameters p, RowMapper<T> mapper)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            p.bind(statement);
            try (ResultSet rs = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }
}
