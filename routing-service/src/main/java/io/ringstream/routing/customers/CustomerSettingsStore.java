package io.ringstream.routing.customers;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Reads and writes {@code tenant_customer_settings}. Read on every identity lookup (one primary-key
 * row), so a region change applies to the next request without a cache to invalidate.
 */
@Singleton
@Requires(beans = DataSource.class)
public class CustomerSettingsStore {
    private final JdbcOperations jdbc;

    public CustomerSettingsStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant's settings, or {@link CustomerSettings#DEFAULTS} when it has saved none. */
    @Transactional(readOnly = true)
    public CustomerSettings settings(String tenant) {
        return jdbc.prepareStatement(
                "SELECT default_region, create_unknown_callers FROM tenant_customer_settings"
                        + " WHERE tenant = ?",
                statement -> {
                    statement.setString(1, tenant);
                    try (var rows = statement.executeQuery()) {
                        if (!rows.next()) {
                            return CustomerSettings.DEFAULTS;
                        }
                        return new CustomerSettings(rows.getString(1), rows.getBoolean(2));
                    }
                });
    }

    /** Saves the tenant's settings (already validated), replacing any earlier ones. */
    @Transactional
    public void save(String tenant, CustomerSettings settings, Instant now) {
        jdbc.prepareStatement(
                "INSERT INTO tenant_customer_settings"
                        + " (tenant, default_region, create_unknown_callers, updated_at)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant) DO UPDATE SET"
                        + " default_region = EXCLUDED.default_region,"
                        + " create_unknown_callers = EXCLUDED.create_unknown_callers,"
                        + " updated_at = EXCLUDED.updated_at",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, settings.defaultRegion());
                    statement.setBoolean(3, settings.createUnknownCallers());
                    statement.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    return statement.executeUpdate();
                });
    }
}
