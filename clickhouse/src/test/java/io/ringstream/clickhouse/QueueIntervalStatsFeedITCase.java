package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code queue_interval_stats} after V033: every interval row of {@code queue_kpis} lands there
 * (sliding rows do not), read with FINAL the latest emission wins, and the upgrade replaces the
 * retired engine's rows of the intervals queue_kpis already held.
 */
class QueueIntervalStatsFeedITCase {
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
    void intervalRowsOfQueueKpisAreCopiedAndTheLatestWins() {
        migrate(Integer.MAX_VALUE);

        kpiRow("interval", "2024-03-01 10:00:00", 3, 2, 1_000);
        kpiRow("interval", "2024-03-01 10:00:00", 5, 4, 2_000);
        kpiRow("sliding", "2024-03-01 10:00:00", 9, 9, 3_000);

        assertThat(stats())
                .containsExactly(List.of("2024-03-01 10:00:00", "15", "5", "4", "40", "2000"));
    }

    @Test
    void theUpgradeReplacesTheRetiredEnginesRowsWhereQueueKpisHasTheInterval() {
        migrate(32);
        // The retired engine's rows: versions were counts of deltas.
        jdbc.execute(
                "INSERT INTO ringstream.queue_interval_stats (tenant, queue, interval_start,"
                        + " interval_minutes, offered, answered, total_talk_ms, version)"
                        + " VALUES ('t', 'q', '2024-03-01 10:00:00', 15, 7, 7, 1, 12),"
                        + " ('t', 'q', '2023-01-01 10:00:00', 15, 1, 1, 1, 3)");
        kpiRow("interval", "2024-03-01 10:00:00", 5, 4, 2_000);

        migrate(Integer.MAX_VALUE);

        assertThat(stats())
                .containsExactly(
                        List.of("2023-01-01 10:00:00", "15", "1", "1", "1", "3"),
                        List.of("2024-03-01 10:00:00", "15", "5", "4", "40", "2000"));
    }

    private static void migrate(int upToVersion) {
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
