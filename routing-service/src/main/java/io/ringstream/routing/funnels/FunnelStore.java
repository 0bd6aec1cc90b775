package io.ringstream.routing.funnels;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.topics.Topics;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The latest published definition of each of a tenant's funnels ({@code funnel_definitions}, V60):
 * what the funnel API lists, and what a withdrawal republishes inactive. Every statement names the
 * tenant.
 */
@Singleton
@Requires(beans = DataSource.class)
public class FunnelStore {
    private final JdbcOperations jdbc;

    public FunnelStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Records {@code definition} as its tenant's latest for its funnel id. */
    @Transactional
    public void save(FunnelDefinition definition, String actor, Instant now) {
        jdbc.prepareStatement(
                "INSERT INTO funnel_definitions"
                        + " (tenant, funnel_id, definition, active, updated_by, updated_at)"
                        + " VALUES (?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (tenant, funnel_id) DO"
                        + " UPDATE SET definition = EXCLUDED.definition, active = EXCLUDED.active,"
                        + " updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at",
                statement -> {
                    statement.setString(1, definition.tenant());
                    statement.setString(2, definition.funnelId());
                    statement.setString(3, Topics.FUNNEL_DEFINITIONS.serde().toJson(definition));
                    statement.setBoolean(4, definition.active());
                    statement.setString(5, actor);
                    statement.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    return statement.executeUpdate();
                });
    }

    /** The tenant's latest definition of {@code funnelId}, locked until the transaction ends. */
    @Transactional
    public Optional<FunnelDefinition> lock(String tenant, String funnelId) {
        return jdbc.prepareStatement(
                "SELECT definition::text FROM funnel_definitions"
                        + " WHERE tenant = ? AND funnel_id = ? FOR UPDATE",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, funnelId);
                    try (ResultSet rows = statement.executeQuery()) {
                        return rows.next()
                                ? Optional.of(
                                        Topics.FUNNEL_DEFINITIONS
                                                .serde()
                                                .fromJson(rows.getString(1)))
                                : Optional.empty();
                    }
                });
    }

    /** The tenant's funnels as last published (withdrawn ones with active false), by id. */
    @Transactional(readOnly = true)
    public List<FunnelDefinition> all(String tenant) {
        return jdbc.prepareStatement(
                "SELECT definition::text FROM funnel_definitions WHERE tenant = ?"
                        + " ORDER BY funnel_id COLLATE \"C\"",
                statement -> {
                    statement.setString(1, tenant);
                    List<FunnelDefinition> out = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            out.add(Topics.FUNNEL_DEFINITIONS.serde().fromJson(rows.getString(1)));
                        }
                    }
                    return out;
                });
    }
}
