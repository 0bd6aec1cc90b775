package io.ringstream.routing.screenpop;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.topics.Topics;
import io.ringstream.routing.outbox.Outbox;
import io.ringstream.routing.route.Router;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * PostgreSQL side of caller identification: the per-contact record in {@code
 * contact_identifications} (migration V40), the tenant's {@code create_unknown_callers} setting,
 * and the lead an unknown caller gets. Every write is "insert if absent, then read back", so
 * repeated and concurrent asks for one contact, on any instance, end with the first one's answer.
 */
@Singleton
@Requires(beans = DataSource.class)
public class ContactIdentificationStore {
    /** The actor of leads created for unknown callers (stage changes, events). */
    public static final String ACTOR = Router.SOURCE;

    private static final String PRIOR =
            "SELECT ci.contact_id IS NOT NULL, ci.customer_id, ci.candidates, ci.created_lead_id,"
                    + " coalesce(s.create_unknown_callers, true)"
                    + " FROM (SELECT CAST(? AS text) AS tenant, CAST(? AS text) AS contact_id) k"
                    + " LEFT JOIN contact_identifications ci"
                    + " ON ci.tenant = k.tenant AND ci.contact_id = k.contact_id"
                    + " LEFT JOIN tenant_customer_settings s ON s.tenant = k.tenant";

    private final JdbcOperations jdbc;
    private final Outbox outbox;
    private final Clock clock;

    public ContactIdentificationStore(JdbcOperations jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * What is known before identifying: the contact's recorded identification, if any, and whether
     * the tenant creates unknown callers (default yes); one round trip.
     */
    @Transactional(readOnly = true)
    public Prior prior(String tenant, String contactId) {
        return jdbc.prepareStatement(
                PRIOR,
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, contactId);
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        Identification recorded = rs.getBoolean(1) ? identification(rs, 2) : null;
                        return new Prior(Optional.ofNullable(recorded), rs.getBoolean(5));
                    }
                });
    }

    /** The contact's recorded identification, if any. */
    @Transactional(readOnly = true)
    public Optional<Identification> find(String tenant, String contactId) {
        return jdbc.prepareStatement(
                "SELECT customer_id, candidates, created_lead_id FROM contact_identifications"
                        + " WHERE tenant = ? AND contact_id = ?",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, contactId);
                    try (ResultSet rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(identification(rs, 1)) : Optional.empty();
                    }
                });
    }

    /**
     * Records the identification unless the contact has one already, and returns the recorded one
     * (the first ask's, whoever that was).
     */
    @Transactional
    public Identification record(String tenant, String contactId, Identification identification) {
        insert(tenant, contactId, identification);
        return find(tenant, contactId).orElseThrow();
    }

    /**
     * Creates the contact's lead for a new caller, stage NEW, unless it exists (its id derives from
     * the contact), with its stage change and its LEAD_CREATED business event in the same
     * transaction, then records the identification as {@link #record} does. A record that an ask
     * without the lead made first (it found the customer an instant after this one created it) gets
     * the lead id added, so the row names the lead the contact created.
     *
     * @param sourceChannel the lead's source channel token, e.g. {@code voice}
     */
    @Transactional
    public Identification recordWithLead(
            String tenant, String contactId, Identification identification, String sourceChannel) {
        UUID leadId = identification.createdLeadId();
        UUID customerId = identification.customerId();
        if (leadId == null || customerId == null) {
            return record(tenant, contactId, identification);
        }
        Timestamp now = new Timestamp(clock.millis());
        int created =
                jdbc.prepareStatement(
                        "INSERT INTO leads (id, tenant, customer_id, stage, source_channel,"
                                + " created_at, updated_at, version)"
                                + " VALUES (?, ?, ?, 'NEW', ?, ?, ?, 1)"
                                + " ON CONFLICT (id) DO NOTHING",
                        statement -> {
                            statement.setObject(1, leadId);
                            statement.setString(2, tenant);
                            statement.setObject(3, customerId);
                            statement.setString(4, sourceChannel);
                            statement.setTimestamp(5, now);
                            statement.setTimestamp(6, now);
                            return statement.executeUpdate();
                        });
        if (created == 1) {
            jdbc.prepareStatement(
                    "INSERT INTO lead_stage_changes (tenant, lead_id, customer_id, from_stage,"
                            + " to_stage, actor, changed_at) VALUES (?, ?, ?, NULL, 'NEW', ?, ?)",
                    statement -> {
                        statement.setString(1, tenant);
                        statement.setObject(2, leadId);
                        statement.setObject(3, customerId);
                        statement.setString(4, ACTOR);
                        statement.setTimestamp(5, now);
                        return statement.executeUpdate();
                    });
            outbox.append(
                    Topics.BUSINESS_EVENTS,
                    leadCreated(tenant, contactId, customerId, leadId, sourceChannel, now));
        }
        insert(tenant, contactId, identification);
        jdbc.prepareStatement(
                "UPDATE contact_identifications SET created_lead_id = ?"
                        + " WHERE tenant = ? AND contact_id = ? AND customer_id = ?"
                        + " AND created_lead_id IS NULL",
                statement -> {
                    statement.setObject(1, leadId);
                    statement.setString(2, tenant);
                    statement.setString(3, contactId);
                    statement.setObject(4, customerId);
                    return statement.executeUpdate();
                });
        return find(tenant, contactId).orElseThrow();
    }

    private void insert(String tenant, String contactId, Identification identification) {
        jdbc.prepareStatement(
                "INSERT INTO contact_identifications (tenant, contact_id, customer_id, candidates,"
                        + " created_lead_id, identified_at) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant, contact_id) DO NOTHING",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, contactId);
                    statement.setObject(3, identification.customerId());
                    statement.setArray(4, uuids(statement, identification.candidates()));
                    statement.setObject(5, identification.createdLeadId());
                    statement.setTimestamp(6, new Timestamp(clock.millis()));
                    return statement.executeUpdate();
                });
    }

    private static BusinessEvent leadCreated(
            String tenant,
            String contactId,
            UUID customerId,
            UUID leadId,
            String sourceChannel,
            Timestamp at) {
        return new BusinessEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of(
                        ACTOR, tenant, leadId.toString(), BusinessEventType.LEAD_CREATED.name()),
                BusinessEventType.LEAD_CREATED,
                tenant,
                customerId.toString(),
                contactId,
                at.getTime(),
                ACTOR,
                leadId.toString(),
                "NEW",
                null,
                null,
                Map.of("sourceChannel", sourceChannel, "createdBy", "caller-identification"));
    }

    private static Array uuids(PreparedStatement statement, List<UUID> ids) throws SQLException {
        return statement.getConnection().createArrayOf("uuid", ids.toArray(new UUID[0]));
    }

    /** Reads customer_id, candidates, created_lead_id from {@code first} on. */
    private static Identification identification(ResultSet rs, int first) throws SQLException {
        UUID customerId = rs.getObject(first, UUID.class);
        Array array = rs.getArray(first + 1);
        List<UUID> candidates =
                array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
        UUID leadId = rs.getObject(first + 2, UUID.class);
        return new Identification(customerId, candidates, leadId);
    }

    /**
     * What is known before identifying a contact.
     *
     * @param recorded the contact's identification, when an earlier ask recorded one
     * @param createUnknownCallers the tenant's setting (default true)
     */
    public record Prior(Optional<Identification> recorded, boolean createUnknownCallers) {}
}
