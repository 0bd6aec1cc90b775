package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations on a real server: fresh apply, idempotent re-runs, the contracted columns, edited
 * files refused, and the upgrade that feeds queue_interval_stats from queue_kpis.
 */
class ClickHouseMigratorITCase {
    @TempDir static Path dir;
    static LocalClickHouseServer server;
    static ClickHouseJdbc jdbc;

    @BeforeAll
    static void startServer() {
        server = LocalClickHouseServer.startOnFreePorts(dir);
        jdbc = ClickHouseJdbc.connect("127.0.0.1", server.httpPort(), "default");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void freshServer() {
        jdbc.execute("DROP DATABASE IF EXISTS ringstream");
    }

    @Test
    void appliesEverythingOnAFreshServerThenNothingOnReRuns() {
        List<String> expected = ClasspathMigrations.load().stream().map(Migration::name).toList();

        List<String> first = ClickHouseMigrator.migrate("127.0.0.1", server.httpPort());
        List<String> second = ClickHouseMigrator.migrate("127.0.0.1", server.httpPort());

        assertThat(first).containsExactlyElementsOf(expected);
        assertThat(second).isEmpty();
        assertThat(jdbc.query("SELECT version, name FROM ringstream.schema_migrations FINAL"))
                .hasSize(expected.size());
        assertThat(tables())
                .contains(
                        "contact_events",
                        "agent_events",
                        "queue_interval_stats",
                        "dead_letters",
                        "schema_migrations");
    }

    @Test
    void tablesHaveTheContractedColumnsAndEngines() {
        ClickHouseMigrator.migrate("127.0.0.1", server.httpPort());

        assertThat(columns("contact_events"))
                .containsExactly(
                        "event_id String",
                        "tenant String",
                        "contact_id String",
                        "type String",
                        "channel String",
                        "event_date Date",
                        "event_time DateTime",
                        "event_time_ms UInt64",
                        "source String",
                        "queue String",
                        "agent_id String",
                        "customer_id String",
                        "wait_ms Nullable(Int64)",
                        "duration_ms Nullable(Int64)",
                        "reason String",
                        "attributes String");
        assertThat(columns("agent_events"))
                .containsExactly(
                        "event_id String",
                        "tenant String",
                        "agent_id String",
                        "type String",
                        "event_date Date",
                        "event_time DateTime",
                        "event_time_ms UInt64",
                        "source String",
                        "queue String",
                        "reason String",
                        "skills String",
                        "attributes String");
        assertThat(columns("queue_interval_stats"))
                .containsExactly(
                        "tenant String",
                        "queue String",
                        "interval_start DateTime",
                        "interval_minutes UInt16",
                        "offered UInt64",
                        "answered UInt64",
                        "abandoned UInt64",
                        "answered_within_threshold UInt64",
                        "threshold_seconds UInt32",
                        "total_wait_ms UInt64",
                        "total_talk_ms UInt64",
                        "version UInt64",
                        "updated_at DateTime");
        assertThat(columns("dead_letters"))
                .containsExactly(
                        "reason String",
                        "component String",
                        "origin String",
                        "topic String",
                        "partition Int32",
                        "offset Int64",
                        "payload String",
                        "failed_at DateTime",
                        "failed_at_ms UInt64");

        Map<String, String> engines =
                jdbc
                        .query(
                                "SELECT name, engine FROM system.tables WHERE database = 'ringstream'")
                        .stream()
                        .collect(Collectors.toMap(r -> r.get(0), r -> r.get(1)));
        assertThat(engines)
                .containsEntry("contact_events", "ReplacingMergeTree")
                .containsEntry("agent_events", "ReplacingMergeTree")
                .containsEntry("queue_interval_stats", "ReplacingMergeTree")
                .containsEntry("dead_letters", "MergeTree");
    }

    @Test
    void everyRegisteredTableExistsWithTheEngineItsKindPromises() {
        ClickHouseMigrator.migrate("127.0.0.1", server.httpPort());
        Map<String, String> engines =
                jdbc
                        .query(
                                "SELECT name, engine FROM system.tables WHERE database = '"
                                        + Table.DATABASE
                                        + "'")
                        .stream()
                        .collect(Collectors.toMap(r -> r.get(0), r -> r.get(1)));

        for (Table table : Table.values()) {
            String expected =
                    switch (table.kind()) {
                        case REPLACING -> "ReplacingMergeTree";
                        case APPENDING -> "MergeTree";
                        case AGGREGATING -> "AggregatingMergeTree";
                        case VIEW -> "View";
                        case MATERIALIZED_VIEW -> "MaterializedView";
                    };
            assertThat(engines)
                    .as(table.qualifiedName())
                    .containsEntry(table.tableName(), expected);
        }
    }

    @Test
    void appliesOnlyNewMigrationsAndRefusesEditedOnes() {
        List<Migration> project = ClasspathMigrations.load();
        ClickHouseMigrator current = new ClickHouseMigrator(jdbc, project);
        current.migrate();
        int next = project.get(project.size() - 1).version() + 1;
        Migration added =
                Migration.parse(
                        String.format("V%03d__scratch_table.sql", next),
                        "CREATE TABLE IF NOT EXISTS ringstream.scratch (a UInt8) ENGINE = Memory;\n"
                                + "INSERT INTO ringstream.scratch VALUES (7);\n");

        assertThat(new ClickHouseMigrator(jdbc, append(project, added)).migrate())
                .containsExactly(added.name());
        assertThat(jdbc.queryLong("SELECT sum(a) FROM ringstream.scratch")).isEqualTo(7);
        assertThat(new ClickHouseMigrator(jdbc, append(project, added)).migrate()).isEmpty();

        Migration edited =
                Migration.parse(
                        added.name() + ".sql",
                        "CREATE TABLE IF NOT EXISTS ringstream.scratch (a UInt16) ENGINE = Memory;");
        assertThatThrownBy(() -> new ClickHouseMigrator(jdbc, append(project, edited)).migrate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was edited after it was applied");
    }

    private static List<Migration> append(List<Migration> migrations, Migration extra) {
        return Stream.concat(migrations.stream(), Stream.of(extra)).toList();
    }

    private static List<String> tables() {
        return jdbc.query("SELECT name FROM system.tables WHERE database = 'ringstream'").stream()
                .map(r -> r.get(0))
                .toList();
    }

    private static List<String> columns(String table) {
        return jdbc
                .query(
                        "SELECT name, type FROM system.columns WHERE database = 'ringstream'"
                                + " AND table = '"
                                + table
                                + "'")
                .stream()
                .map(r -> r.get(0) + " " + r.get(1))
                .toList();
    }

    // queue_interval_stats after V033: every interval row of queue_kpis lands there (sliding rows
    // do not), the latest emission wins under FINAL, and the upgrade replaces the retired engine's
    // rows of the intervals queue_kpis already held.

    @Test
    void intervalRowsOfQueueKpisAreCopiedAndTheLatestWins() {
        migrateUpTo(Integer.MAX_VALUE);

        kpiRow("interval", "2024-03-01 10:00:00", 3, 2, 1_000);
        kpiRow("interval", "2024-03-01 10:00:00", 5, 4, 2_000);
        kpiRow("sliding", "2024-03-01 10:00:00", 9, 9, 3_000);

        assertThat(stats())
                .containsExactly(List.of("2024-03-01 10:00:00", "15", "5", "4", "40", "2000"));
    }

    @Test
    void theUpgradeReplacesTheRetiredEnginesRowsWhereQueueKpisHasTheInterval() {
        migrateUpTo(32);
        // The retired engine's rows: versions were counts of deltas.
        jdbc.execute(
                "INSERT INTO ringstream.queue_interval_stats (tenant, queue, interval_start,"
                        + " interval_minutes, offered, answered, total_talk_ms, version)"
                        + " VALUES ('t', 'q', '2024-03-01 10:00:00', 15, 7, 7, 1, 12),"
                        + " ('t', 'q', '2023-01-01 10:00:00', 15, 1, 1, 1, 3)");
        kpiRow("interval", "2024-03-01 10:00:00", 5, 4, 2_000);

        migrateUpTo(Integer.MAX_VALUE);

        assertThat(stats())
                .containsExactly(
                        List.of("2023-01-01 10:00:00", "15", "1", "1", "1", "3"),
                        List.of("2024-03-01 10:00:00", "15", "5", "4", "40", "2000"));
    }

    private static void migrateUpTo(int upToVersion) {
        new ClickHouseMigrator(
                        jdbc,
                        ClasspathMigrations.load().stream()
                                .filter(m -> m.version() <= upToVersion)
                                .toList())
                .migrate();
    }

    private static void kpiRow(String kind, String start, long offered, long answered, long asOf) {
        jdbc.execute(
                "INSERT INTO "
                        + Table.QUEUE_KPIS.qualifiedName()
                        + " (tenant, queue, window_kind, window_start, window_minutes, as_of_ms,"
                        + " offered, answered, talk_ms, version) VALUES ('t', 'q', '"
                        + kind
                        + "', '"
                        + start
                        + "', 15, "
                        + asOf
                        + ", "
                        + offered
                        + ", "
                        + answered
                        + ", 40, "
                        + asOf
                        + ")");
    }

    private static List<List<String>> stats() {
        return jdbc.query(
                "SELECT toString(interval_start), interval_minutes, offered, answered,"
                        + " total_talk_ms, version FROM "
                        + Table.QUEUE_INTERVAL_STATS.qualifiedName()
                        + " FINAL ORDER BY interval_start");
    }
}
