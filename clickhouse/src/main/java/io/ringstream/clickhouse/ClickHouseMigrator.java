package io.ringstream.clickhouse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a ClickHouse server's {@code ringstream} schema up to date at start-up, so every process
 * (launcher, jobs, tests) can call it and only the missing migrations run.
 *
 * <p>Applied versions are recorded in {@code ringstream.schema_migrations}. ClickHouse has no
 * transactions: a migration whose statements ran but whose record was not written runs again next
 * time, so every statement must be idempotent ({@code IF NOT EXISTS}). Two migrators racing may
 * both record a version; the table is a ReplacingMergeTree read with FINAL, so that is harmless.
 */
public final class ClickHouseMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseMigrator.class);

    private static final String CREATE_HISTORY =
            "CREATE TABLE IF NOT EXISTS "
                    + Table.SCHEMA_MIGRATIONS.qualifiedName()
                    + " (version UInt32, name String, checksum String, applied_at DateTime)"
                    + " ENGINE = ReplacingMergeTree ORDER BY version";

    private final ClickHouseJdbc server;
    private final List<Migration> migrations;

    /**
     * @param server a connection to the server; its default database is irrelevant (every statement
     *     names its database), but it must exist, so use {@code default}
     * @param migrations the migrations to apply, in any order
     */
    public ClickHouseMigrator(ClickHouseJdbc server, List<Migration> migrations) {
        this.server = server;
        this.migrations =
                migrations.stream()
                        .sorted((a, b) -> Integer.compare(a.version(), b.version()))
                        .toList();
    }

    /** A migrator with the project's migrations from the classpath. */
    public static ClickHouseMigrator forServer(String host, int httpPort) {
        return new ClickHouseMigrator(
                ClickHouseJdbc.connect(
                        withStatementTimeout(ClickHouseJdbc.jdbcUrl(host, httpPort, "default"))),
                ClasspathMigrations.load());
    }

    /** Applies the project's missing migrations; returns the names applied now. */
    public static List<String> migrate(String host, int httpPort) {
        return forServer(host, httpPort).migrate();
    }

    /**
     * Applies the project's missing migrations to the server behind a job's JDBC URL. The migrator
     * must connect to a database that exists before it creates {@code ringstream}, so the URL's
     * database is replaced by {@code default}.
     *
     * @return the names applied now
     */
    public static List<String> migrate(String jdbcUrl) {
        return migrate(jdbcUrl, ClickHouseCredentials.NONE);
    }

    /**
     * As {@link #migrate(String)}, logged in as {@code credentials} (a deployable's, from {@link
     * ClickHouseCredentials#fromEnvironment()}).
     *
     * @return the names applied now
     */
    public static List<String> migrate(String jdbcUrl, ClickHouseCredentials credentials) {
        return new ClickHouseMigrator(
                        ClickHouseJdbc.connect(
                                withStatementTimeout(withDatabase(jdbcUrl, "default")),
                                credentials),
                        ClasspathMigrations.load())
                .migrate();
    }

    /**
     * How long the migrator waits for one statement's answer. The driver's default (30 s) is
     * shorter than a backfill over a large table takes (V057's over 30 days of a 1,000-agent
     * center: over 30 s on a busy 2-core machine): the migrator gave up while the server went on,
     * and the next start ran the migration again.
     */
    static final int STATEMENT_TIMEOUT_MILLIS = 30 * 60 * 1000;

    /** The JDBC URL with the migrator's statement timeout, unless it sets one itself. */
    static String withStatementTimeout(String jdbcUrl) {
        if (jdbcUrl.contains("socket_timeout=")) {
            return jdbcUrl;
        }
        return jdbcUrl
                + (jdbcUrl.contains("?") ? "&" : "?")
                + "socket_timeout="
                + STATEMENT_TIMEOUT_MILLIS;
    }

    /** The same JDBC URL with another database; its parameters are kept. */
    static String withDatabase(String jdbcUrl, String database) {
        String prefix = "jdbc:clickhouse://";
        if (!jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException(
                    "not a ClickHouse JDBC URL (" + prefix + "host:port/db): " + jdbcUrl);
        }
        String rest = jdbcUrl.substring(prefix.length());
        int query = rest.indexOf('?');
        String params = query < 0 ? "" : rest.substring(query);
        String authority = query < 0 ? rest : rest.substring(0, query);
        int slash = authority.indexOf('/');
        String hostPort = slash < 0 ? authority : authority.substring(0, slash);
        return prefix + hostPort + "/" + database + params;
    }

    /**
     * Creates the database and the history table if needed, then applies each migration not yet
     * recorded, in version order.
     *
     * @return names of the migrations applied by this call (empty when up to date)
     * @throws IllegalStateException if an applied migration's file has changed since
     */
    public List<String> migrate() {
        server.execute("CREATE DATABASE IF NOT EXISTS " + Table.DATABASE);
        server.execute(CREATE_HISTORY);
        Map<Integer, AppliedMigration> applied = new HashMap<>();
        for (AppliedMigration a : applied()) {
            applied.put(a.version(), a);
        }
        List<String> appliedNow = new ArrayList<>();
        for (Migration migration : migrations) {
            AppliedMigration done = applied.get(migration.version());
            if (done != null) {
                requireUnchanged(migration, done);
                continue;
            }
            LOG.info("Applying ClickHouse migration {}", migration.name());
            for (String statement : migration.statements()) {
                server.execute(statement);
            }
            server.execute(
                    "INSERT INTO "
                            + Table.SCHEMA_MIGRATIONS.qualifiedName()
                            + " (version, name, checksum, applied_at) VALUES ("
                            + migration.version()
                            + ", "
                            + quote(migration.name())
                            + ", "
                            + quote(migration.checksum())
                            + ", now())");
            appliedNow.add(migration.name());
        }
        if (appliedNow.isEmpty()) {
            LOG.debug("ClickHouse schema is up to date");
        }
        return List.copyOf(appliedNow);
    }

    /** What the server's history says was applied, by version. */
    public List<AppliedMigration> applied() {
        List<AppliedMigration> result = new ArrayList<>();
        for (List<String> row :
                server.query(
                        "SELECT version, name, checksum FROM "
                                + Table.SCHEMA_MIGRATIONS.qualifiedName()
                                + " FINAL ORDER BY version")) {
            result.add(new AppliedMigration(Integer.parseInt(row.get(0)), row.get(1), row.get(2)));
        }
        return result;
    }

    private static void requireUnchanged(Migration migration, AppliedMigration done) {
        if (!done.checksum().equals(migration.checksum())) {
            throw new IllegalStateException(
                    "ClickHouse migration "
                            + migration.name()
                            + " was edited after it was applied (recorded as "
                            + done.name()
                            + "). Never edit an applied migration: add one with a higher version instead.");
        }
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A row of {@code ringstream.schema_migrations}. */
    public record AppliedMigration(int version, String name, String checksum) {}
}
