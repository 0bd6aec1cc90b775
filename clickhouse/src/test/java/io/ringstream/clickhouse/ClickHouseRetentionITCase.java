package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partition-drop retention on a real server, where table TTL is not available. */
class ClickHouseRetentionITCase {
    @TempDir static Path dir;
    static LocalClickHouseServer server;

    @BeforeAll
    static void startServer() {
        server = LocalClickHouseServer.startOnFreePorts(dir);
        server.migrate();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void dropsWholeMonthsOlderThanTheRetentionAndKeepsTheRest() {
        ClickHouseJdbc jdbc = server.jdbc();
        for (String day : List.of("2023-12-31", "2024-01-15", "2024-02-20", "2025-03-01")) {
            jdbc.execute(
                    "INSERT INTO ringstream.contact_events (event_id, event_date, event_time)"
                            + " VALUES ('e-"
                            + day
                            + "', toDate('"
                            + day
                            + "'), toDateTime('"
                            + day
                            + " 12:00:00'))");
        }
        jdbc.execute(
                "INSERT INTO ringstream.dead_letters (reason, failed_at) VALUES"
                        + " ('old', toDateTime('2023-06-01 00:00:00'))");

        List<String> dropped =
                ClickHouseRetention.withDefaultPolicy(jdbc)
                        .dropExpiredPartitions(LocalDate.of(2025, 3, 15));

        // contact_events_by_customer is a copy (a materialized view feeds it): the same months go.
        assertThat(dropped)
                .containsExactlyInAnyOrder(
                        "ringstream.contact_events/202312",
                        "ringstream.contact_events/202401",
                        "ringstream.contact_events_by_customer/202312",
                        "ringstream.contact_events_by_customer/202401",
                        "ringstream.dead_letters/202306");
        assertThat(jdbc.query("SELECT event_id FROM ringstream.contact_events ORDER BY event_id"))
                .containsExactly(List.of("e-2024-02-20"), List.of("e-2025-03-01"));
        assertThat(
                        jdbc.query(
                                "SELECT event_id FROM ringstream.contact_events_by_customer"
                                        + " ORDER BY event_id"))
                .containsExactly(List.of("e-2024-02-20"), List.of("e-2025-03-01"));
        assertThat(jdbc.queryLong("SELECT count() FROM ringstream.dead_letters")).isZero();
    }
}
