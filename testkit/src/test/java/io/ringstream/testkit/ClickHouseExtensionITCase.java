package io.ringstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.clickhouse.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What tests in other modules get from the extension: a migrated server, helpers and isolation. */
class ClickHouseExtensionITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @Test
    void offersAMigratedServer() {
        assertThat(CLICKHOUSE.jdbcUrl()).endsWith("/ringstream?compress=false");
        assertThat(CLICKHOUSE.httpPort()).isPositive();
        assertThat(
                        CLICKHOUSE.query(
                                "SELECT name FROM system.tables WHERE database = 'ringstream'"
                                        + " ORDER BY name"))
                .extracting(row -> row.get(0))
                .contains(
                        "agent_events",
                        "contact_events",
                        "dead_letters",
                        "queue_interval_stats",
                        "schema_migrations");
    }

    @Test
    void truncateAllEmptiesDataButKeepsTheMigrationHistory() {
        CLICKHOUSE.execute(
                "INSERT INTO "
                        + Table.DEAD_LETTERS.qualifiedName()
                        + " (reason, failed_at) VALUES ('x', now())");
        CLICKHOUSE.execute(
                "INSERT INTO "
                        + Table.QUEUE_INTERVAL_STATS.qualifiedName()
                        + " (tenant, queue, interval_start,"
                        + " version) VALUES ('t', 'q', now(), 1)");
        long history = CLICKHOUSE.queryLong("SELECT count() FROM ringstream.schema_migrations");

        CLICKHOUSE.truncateAll();

        for (Table table : Table.dataTables()) {
            assertThat(CLICKHOUSE.queryLong("SELECT count() FROM " + table))
                    .as(table.qualifiedName())
                    .isZero();
        }
        assertThat(CLICKHOUSE.queryLong("SELECT count() FROM ringstream.schema_migrations"))
                .isEqualTo(history)
                .isPositive();
    }

    @Test
    void injectsAJdbcParameterOnTheSameServer(ClickHouseJdbc jdbc) {
        assertThat(jdbc.url()).isEqualTo(CLICKHOUSE.jdbcUrl());
        assertThat(jdbc.queryLong("SELECT 41 + 1")).isEqualTo(42);
    }
}
