package io.ringstream.routing.leads;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.model.Lead;
import io.ringstream.customers.model.LeadId;
import io.ringstream.customers.model.LeadStage;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code leads} and {@code lead_stage_changes} rows. Every query names the tenant, so one
 * tenant never reads another's leads. Callers run these inside their transaction.
 */
@Singleton
@Requires(beans = DataSource.class)
public class LeadStore {
    private static final String COLUMNS =
            "id, tenant, customer_id, stage, lost_reason, source_channel, campaign, value,"
                    + " currency, owner_agent, created_at, updated_at, version";

    private final JdbcOperations jdbc;

    public LeadStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Lead> find(String tenant, UUID id) {
        return one("SELECT " + COLUMNS + " FROM leads WHERE tenant = ? AND id = ?", tenant, id);
    }

    /** The lead, locked until the transaction ends: its changes and events queue behind. */
    public Optional<Lead> lock(String tenant, UUID id) {
        return one(
                "SELECT " + COLUMNS + " FROM leads WHERE tenant = ? AND id = ? FOR UPDATE",
                tenant,
                id);
    }

    /** The customer's leads, newest first. */
    public List<Lead> ofCustomer(String tenant, UUID customerId) {
        return jdbc.prepareStatement(
                "SELECT "
                        + COLUMNS
                        + " FROM leads WHERE tenant = ? AND customer_id = ?"
                        + " ORDER BY created_at DESC, id",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, customerId);
                    List<Lead> leads = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            leads.add(lead(rows));
                        }
                    }
                    return leads;
                });
    }

    /** Inserts a new lead at version 1 and returns it so. */
    public Lead insert(Lead lead) {
        Lead stored = withVersion(lead, 1);
        jdbc.prepareStatement(
                "INSERT INTO leads ("
                        + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                    statement.setObject(1, stored.id().value());
                    statement.setString(2, stored.tenant());
                    statement.setObject(3, stored.customerId().value());
                    statement.setString(4, stored.stage().name());
                    statement.setString(5, stored.lostReason());
                    statement.setString(6, stored.sourceChannel());
                    statement.setString(7, stored.campaign());
                    statement.setBigDecimal(8, stored.value());
                    if (stored.currency() == null) {
                        statement.setNull(9, Types.CHAR);
                    } else {
                        statement.setString(9, stored.currency().getCurrencyCode());
                    }
                    statement.setString(10, stored.ownerAgent());
                    statement.setObject(11, Sql.timestamp(stored.createdAt()));
                    statement.setObject(12, Sql.timestamp(stored.updatedAt()));
                    statement.setLong(13, stored.version());
                    return statement.executeUpdate();
                });
        return stored;
    }

    /**
     * Writes the stage of a lead locked by {@link #lock} and bumps its version.
     *
     * @return the lead as stored
     */
    public Lead updateStage(Lead moved) {
        Lead stored = withVersion(moved, moved.version() + 1);
        int updated =
                jdbc.prepareStatement(
                        "UPDATE leads SET stage = ?, lost_reason = ?, updated_at = ?, version = ?"
                                + " WHERE tenant = ? AND id = ? AND version = ?",
                        statement -> {
                            statement.setString(1, stored.stage().name());
                            statement.setString(2, stored.lostReason());
                            statement.setObject(3, Sql.timestamp(stored.updatedAt()));
                            statement.setLong(4, stored.version());
                            statement.setString(5, stored.tenant());
                            statement.setObject(6, stored.id().value());
                            statement.setLong(7, moved.version());
                            return statement.executeUpdate();
                        });
        if (updated != 1) {
            // The row is locked by this transaction, so this is a caller that did not lock it.
            throw new IllegalStateException("lead " + moved.id() + " changed under its lock");
        }
        return stored;
    }

    /** Records that {@code lead} entered its stage ({@code from} null: it was created). */
    public void recordStageChange(Lead lead, LeadStage from, String actor, Instant at) {
        jdbc.prepareStatement(
                "INSERT INTO lead_stage_changes (tenant, lead_id, customer_id, from_stage,"
                        + " to_stage, lost_reason, actor, changed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                    statement.setString(1, lead.tenant());
                    statement.setObject(2, lead.id().value());
                    statement.setObject(3, lead.customerId().value());
                    statement.setString(4, from == null ? null : from.name());
                    statement.setString(5, lead.stage().name());
                    statement.setString(6, lead.lostReason());
                    statement.setString(7, actor);
                    statement.setObject(8, Sql.timestamp(at));
                    return statement.executeUpdate();
                });
    }

    private Optional<Lead> one(String sql, String tenant, UUID id) {
        return jdbc.prepareStatement(
                sql,
                statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, id);
                    try (ResultSet rows = statement.executeQuery()) {
                        return rows.next() ? Optional.of(lead(rows)) : Optional.<Lead>empty();
                    }
                });
    }

    private static Lead lead(ResultSet rows) throws SQLException {
        String currency = rows.getString("currency");
        return new Lead(
                new LeadId(rows.getObject("id", UUID.class)),
                rows.getString("tenant"),
                new CustomerId(rows.getObject("customer_id", UUID.class)),
                LeadStage.valueOf(rows.getString("stage")),
                rows.getString("lost_reason"),
                rows.getString("source_channel"),
                rows.getString("campaign"),
                rows.getBigDecimal("value"),
                currency == null ? null : Currency.getInstance(currency.strip()),
                rows.getString("owner_agent"),
                Sql.instant(rows, "created_at"),
                Sql.instant(rows, "updated_at"),
                rows.getLong("version"));
    }

    private static Lead withVersion(Lead lead, long version) {
        return new Lead(
                lead.id(),
                lead.tenant(),
                lead.customerId(),
                lead.stage(),
                lead.lostReason(),
                lead.sourceChannel(),
                lead.campaign(),
                lead.value(),
                lead.currency(),
                lead.ownerAgent(),
                lead.createdAt(),
                lead.updatedAt(),
                version);
    }
}
