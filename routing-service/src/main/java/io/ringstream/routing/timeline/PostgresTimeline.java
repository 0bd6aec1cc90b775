package io.ringstream.routing.timeline;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The timeline's PostgreSQL sources: lead stage changes, bookings and payments, and notes; and the
 * merged ids that redirect to a customer. Times are cut to whole milliseconds (PostgreSQL keeps
 * microseconds) so they compare with cursors and ClickHouse times exactly; text compares under
 * {@code COLLATE "C"}, by bytes, as {@link TimelineCursor} does.
 */
@Singleton
@Requires(beans = DataSource.class)
public class PostgresTimeline {
    static final String STAGE_CHANGES = "lead-stage-changes";
    static final String BUSINESS_EVENTS = "business-events";
    static final String NOTES = "notes";

    private static final String C = " COLLATE \"C\"";
    private static final String ORDER =
            " ORDER BY item_t DESC, item_kind" + C + " DESC, item_id" + C + " DESC LIMIT ?";

    private final JdbcOperations jdbc;

    public PostgresTimeline(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@code survivor} followed by every id merged into it, directly or through a chain (a merged
     * into b, b into the survivor), oldest merges last. Only the tenant's redirects count.
     */
    @Transactional(readOnly = true)
    public List<UUID> idsOf(String tenant, UUID survivor) {
        return jdbc.prepareStatement(
                "WITH RECURSIVE merged(id, depth) AS ("
                        + " SELECT CAST(? AS uuid), 0"
                        + " UNION SELECT r.merged_id, m.depth + 1 FROM customer_redirects r"
                        + " JOIN merged m ON r.survivor_id = m.id WHERE r.tenant = ? AND m.depth < 64)"
                        + " SELECT id FROM merged ORDER BY depth, id",
                statement -> {
                    statement.setString(1, survivor.toString());
                    statement.setString(2, tenant);
                    List<UUID> ids = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            UUID id = rs.getObject(1, UUID.class);
                            if (!ids.contains(id)) {
                                ids.add(id);
                            }
                        }
                    }
                    return ids;
                });
    }

    /** Each source's page, by source name; all read in one transaction. */
    @Transactional(readOnly = true)
    public Map<String, List<TimelineItem>> pages(TimelineQuery q) {
        Map<String, List<TimelineItem>> pages = new LinkedHashMap<>();
        pages.put(STAGE_CHANGES, stageChanges(q));
        pages.put(BUSINESS_EVENTS, businessEvents(q));
        pages.put(NOTES, notes(q));
        return pages;
    }

    private List<TimelineItem> stageChanges(TimelineQuery q) {
        SqlParameters p = new SqlParameters().add(q.tenant()).addAll(q.idTexts());
        String sql =
                "SELECT * FROM (SELECT id::text AS item_id, "
                        + millis("changed_at")
                        + " AS item_t, text 'STAGE_CHANGE' AS item_kind, lead_id::text AS lead,"
                        + " from_stage, to_stage, lost_reason, actor FROM lead_stage_changes"
                        + " WHERE tenant = ? AND customer_id IN ("
                        + uuids(q)
                        + ")) s WHERE "
                        + p.before(q.before(), "item_t", "item_kind", "item_id", C)
                        + ORDER;
        p.add(q.limit());
        return query(
                sql,
                p,
                rs -> {
                    String from = rs.getString("from_stage");
                    String to = rs.getString("to_stage");
                    return TimelineItem.of(
                            rs.getLong("item_t"),
                            "STAGE_CHANGE",
                            rs.getString("item_id"),
                            "Lead " + (from == null ? "created: " : from + " → ") + to,
                            new TimelineDetails.StageChange(
                                    rs.getString("lead"),
                                    from,
                                    to,
                                    rs.getString("lost_reason"),
                                    rs.getString("actor")));
                });
    }

    private List<TimelineItem> businessEvents(TimelineQuery q) {
        SqlParameters p = new SqlParameters().add(q.tenant()).addAll(q.idTexts());
        // Lead stage changes reported as business events are in lead_stage_changes already.
        String sql =
                "SELECT * FROM (SELECT event_id AS item_id, "
                        + millis("occurred_at")
                        + " AS item_t, CASE type WHEN 'BOOKING_MADE' THEN text 'BOOKING'"
                        + " ELSE text 'PAYMENT' END AS item_kind, lead_id::text AS lead,"
                        + " contact_id, amount, currency FROM business_events"
                        + " WHERE tenant = ? AND type IN ('BOOKING_MADE', 'PAYMENT_COMPLETED')"
                        + " AND customer_id IN ("
                        + uuids(q)
                        + ")) s WHERE "
                        + p.before(q.before(), "item_t", "item_kind", "item_id", C)
                        + ORDER;
        p.add(q.limit());
        return query(
                sql,
                p,
                rs -> {
                    String kind = rs.getString("item_kind");
                    String currency = rs.getString("currency");
                    String amount = amount(rs.getBigDecimal("amount"), currency);
                    return TimelineItem.of(
                            rs.getLong("item_t"),
                            kind,
                            rs.getString("item_id"),
                            (kind.equals("BOOKING") ? "Booking" : "Payment")
                                    + (amount == null ? "" : " " + amount + " " + currency),
                            new TimelineDetails.Business(
                                    rs.getString("item_id"),
                                    rs.getString("lead"),
                                    rs.getString("contact_id"),
                                    amount,
                                    currency));
                });
    }

    private List<TimelineItem> notes(TimelineQuery q) {
        SqlParameters p = new SqlParameters().add(q.tenant()).addAll(q.idTexts());
        String sql =
                "SELECT * FROM (SELECT id::text AS item_id, "
                        + millis("created_at")
                        + " AS item_t, text 'NOTE' AS item_kind, lead_id::text AS lead, author,"
                        + " body FROM notes WHERE tenant = ? AND customer_id IN ("
                        + uuids(q)
                        + ")) s WHERE "
                        + p.before(q.before(), "item_t", "item_kind", "item_id", C)
                        + ORDER;
        p.add(q.limit());
        return query(
                sql,
                p,
                rs -> {
                    String author = rs.getString("author");
                    String body = rs.getString("body");
                    return TimelineItem.of(
                            rs.getLong("item_t"),
                            "NOTE",
                            rs.getString("item_id"),
                            "Note by " + author + ": " + TimelineItem.shorten(body, 80),
                            new TimelineDetails.Note(author, body, rs.getString("lead")));
                });
    }

    /** Whole epoch milliseconds of a timestamptz, rounded down (extract is exact: numeric). */
    static String millis(String column) {
        return "floor(extract(epoch FROM " + column + ") * 1000)::bigint";
    }

    private static String uuids(TimelineQuery q) {
        return String.join(", ", Collections.nCopies(q.customerIds().size(), "CAST(? AS uuid)"));
    }

    /** The amount at its currency's scale ({@code 120.50} EUR, {@code 1200} JPY); null for none. */
    static String amount(BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        int scale;
        try {
            scale = Currency.getInstance(currency.strip()).getDefaultFractionDigits();
        } catch (RuntimeException e) {
            scale = -1;
        }
        BigDecimal shown =
                scale >= 0 && amount.stripTrailingZeros().scale() <= scale
                        ? amount.setScale(scale, RoundingMode.UNNECESSARY)
                        : amount.stripTrailingZeros();
        return shown.toPlainString();
    }

    private <T> List<T> query(String sql, SqlParameters p, SqlParameters.RowMapper<T> mapper) {
        return jdbc.prepareStatement(
                sql, (PreparedStatement statement) -> p.query(statement, mapper));
    }
}
