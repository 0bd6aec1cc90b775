package io.ringstream.routing.timeline;

import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.clickhouse.Table;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Writes the raw rows a customer's timeline is made of, the way their writers do: contact events,
 * utterance sentiment and SLA verdicts in ClickHouse (batched), customers, redirects, leads, stage
 * changes, bookings and notes in PostgreSQL. Rows are buffered and written by {@link #flush()}.
 */
final class TimelineSeed {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ClickHouseJdbc clickHouse;
    private final PostgresConnections postgres;
    private final List<List<Object>> contactEvents = new ArrayList<>();
    private final List<List<Object>> utterances = new ArrayList<>();
    private final List<List<Object>> slaEvents = new ArrayList<>();

    /** Opens a connection to the service's PostgreSQL database. */
    interface PostgresConnections {
        Connection open() throws SQLException;
    }

    TimelineSeed(ClickHouseJdbc clickHouse, PostgresConnections postgres) {
        this.clickHouse = clickHouse;
        this.postgres = postgres;
    }

    // ---- ClickHouse ----

    /** One contact event; {@code customer} is {@code ""} before the customer is known. */
    TimelineSeed event(
            String tenant,
            String contact,
            String type,
            String channel,
            long timeMs,
            String queue,
            String agent,
            String customer,
            Long waitMs,
            Long durationMs) {
        contactEvents.add(
                List.of(
                        contact + ":" + type + ":" + timeMs,
                        tenant,
                        contact,
                        type,
                        channel,
                        date(timeMs),
                        seconds(timeMs),
                        timeMs,
                        "seed",
                        queue,
                        agent,
                        customer,
                        nullable(waitMs),
                        nullable(durationMs),
                        "",
                        "{}"));
        return this;
    }

    /**
     * A whole contact: ARRIVED (customer not yet known), IDENTIFIED, QUEUED, then ANSWERED +
     * TALK_ENDED + ENDED when {@code agent} is set, else ABANDONED.
     */
    TimelineSeed contact(
            String tenant,
            String contact,
            String customer,
            String channel,
            String queue,
            String agent,
            long startMs,
            long waitMs,
            long talkMs) {
        event(tenant, contact, "ARRIVED", channel, startMs, "", "", "", null, null);
        event(tenant, contact, "IDENTIFIED", channel, startMs + 100, "", "", customer, null, null);
        event(tenant, contact, "QUEUED", channel, startMs + 200, queue, "", customer, null, null);
        long answered = startMs + 200 + waitMs;
        if (agent.isEmpty()) {
            return event(
                    tenant,
                    contact,
                    "ABANDONED",
                    channel,
                    answered,
                    queue,
                    "",
                    customer,
                    waitMs,
                    null);
        }
        event(tenant, contact, "ANSWERED", channel, answered, queue, agent, customer, waitMs, null);
        event(
                tenant,
                contact,
                "TALK_ENDED",
                channel,
                answered + talkMs,
                queue,
                agent,
                customer,
                null,
                talkMs);
        return event(
                tenant,
                contact,
                "ENDED",
                channel,
                answered + talkMs + 10,
                "",
                agent,
                customer,
                null,
                null);
    }

    /** One utterance; {@code score} null means unscored. */
    TimelineSeed utterance(
            String tenant,
            String eventId,
            String contact,
            String channel,
            String speaker,
            long timeMs,
            String text,
            Double score,
            String label) {
        boolean scored = score != null;
        utterances.add(
                List.of(
                        eventId,
                        tenant,
                        contact,
                        channel,
                        channel.equals("VOICE") ? "TRANSCRIPT_SEGMENT" : "CHAT_MESSAGE",
                        speaker,
                        date(timeMs),
                        seconds(timeMs),
                        timeMs,
                        "seed",
                        "en",
                        "GIVEN",
                        scored ? 1 : 0,
                        scored ? "lexicon-en" : "",
                        nullable(score),
                        scored ? label : "",
                        nullable(scored ? 0.75 : null),
                        scored ? "" : "empty text",
                        text,
                        timeMs + 5,
                        1.5));
        return this;
    }

    /** One SLA verdict on a contact. */
    TimelineSeed sla(
            String tenant,
            String eventId,
            String type,
            String kind,
            String contact,
            String queue,
            long timeMs,
            long thresholdMs,
            long elapsedMs) {
        slaEvents.add(
                List.of(
                        eventId,
                        tenant,
                        type,
                        kind,
                        "clock-" + eventId,
                        "default:" + kind + ":VOICE",
                        "CONTACT",
                        contact,
                        contact,
                        "",
                        queue,
                        "VOICE",
                        nullable(null),
                        date(timeMs),
                        seconds(timeMs),
                        timeMs,
                        timeMs - elapsedMs,
                        thresholdMs,
                        elapsedMs,
                        "",
                        0));
        return this;
    }

    /** Writes the buffered ClickHouse rows. */
    void flush() {
        insert(Table.CONTACT_EVENTS, contactEvents);
        insert(Table.UTTERANCE_SENTIMENT, utterances);
        insert(Table.SLA_EVENTS, slaEvents);
    }

    private void insert(Table table, List<List<Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int width = rows.get(0).size();
        String sql =
                "INSERT INTO "
                        + table.qualifiedName()
                        + " VALUES ("
                        + String.join(", ", Collections.nCopies(width, "?"))
                        + ")";
        try (Connection connection = clickHouse.connection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (List<Object> row : rows) {
                for (int i = 0; i < width; i++) {
                    Object value = row.get(i);
                    if (value == NULL) {
                        statement.setNull(i + 1, java.sql.Types.VARCHAR);
                    } else {
                        statement.setObject(i + 1, value);
                    }
                }
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed " + table + ": " + e, e);
        }
        rows.clear();
    }

    private static final Object NULL = new Object();

    private static Object nullable(Object value) {
        return value == null ? NULL : value;
    }

    private static String date(long ms) {
        return Instant.ofEpochMilli(ms).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static String seconds(long ms) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC).format(SECONDS);
    }

    // ---- PostgreSQL ----

    void customer(String tenant, UUID id, String name) {
        update(
                "INSERT INTO customers (id, tenant, display_name, created_at, updated_at, version)"
                        + " VALUES (?, ?, ?, now(), now(), 1)",
                id,
                tenant,
                name);
    }

    void redirect(String tenant, UUID merged, UUID survivor) {
        update(
                "INSERT INTO customer_redirects (merged_id, tenant, survivor_id, merged_at)"
                        + " VALUES (?, ?, ?, now())",
                merged,
                tenant,
                survivor);
    }

    void lead(String tenant, UUID lead, UUID customer) {
        update(
                "INSERT INTO leads (id, tenant, customer_id, stage, source_channel, created_at,"
                        + " updated_at, version) VALUES (?, ?, ?, 'NEW', 'voice', now(), now(), 1)",
                lead,
                tenant,
                customer);
    }

    void stageChange(
            String tenant,
            UUID lead,
            UUID customer,
            String from,
            String to,
            String actor,
            long ms) {
        update(
                "INSERT INTO lead_stage_changes (tenant, lead_id, customer_id, from_stage, to_stage,"
                        + " actor, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                tenant,
                lead,
                customer,
                from,
                to,
                actor,
                timestamp(ms));
    }

    void note(String tenant, UUID id, UUID customer, String author, String body, Instant at) {
        update(
                "INSERT INTO notes (id, tenant, customer_id, author, body, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                id,
                tenant,
                customer,
                author,
                body,
                Timestamp.from(at));
    }

    void business(
            String tenant,
            String eventId,
            String type,
            UUID customer,
            String amount,
            String currency,
            long ms) {
        update(
                "INSERT INTO business_events (tenant, idempotency_key, request_hash, event_id,"
                        + " type, customer_id, amount, currency, occurred_at, received_at)"
                        + " VALUES (?, ?, 'h', ?, ?, ?, ?, ?, ?, now())",
                tenant,
                "key-" + eventId,
                eventId,
                type,
                customer,
                amount == null ? null : new BigDecimal(amount),
                currency,
                timestamp(ms));
    }

    private static Timestamp timestamp(long ms) {
        return Timestamp.from(Instant.ofEpochMilli(ms));
    }

    private void update(String sql, Object... values) {
        try (Connection connection = postgres.open();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed: " + e, e);
        }
    }
}
