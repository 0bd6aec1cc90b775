package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The at-least-once sinks rely on these engine semantics; check them on the real server. */
class DeduplicationITCase {
    @TempDir static Path dir;
    static LocalClickHouseServer server;
    static ClickHouseJdbc jdbc;

    @BeforeAll
    static void startServer() {
        server = LocalClickHouseServer.startOnFreePorts(dir);
        server.migrate();
        jdbc = server.jdbc();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void emptyAndUnmerged() {
        for (Table table : Table.dataTables()) {
            jdbc.execute("TRUNCATE TABLE " + table);
            // Background merges would collapse duplicates on their own schedule; stopping them
            // makes the duplicates visible, so the assertions show FINAL doing the collapsing.
            jdbc.execute("SYSTEM STOP MERGES " + table);
        }
    }

    @AfterEach
    void resumeMerges() {
        for (Table table : Table.dataTables()) {
            jdbc.execute("SYSTEM START MERGES " + table);
        }
    }

    @Test
    void finalCollapsesARedeliveredContactEvent() {
        String row =
                "('ev-1', 'default', 'c-1', 'ANSWERED', 'VOICE', toDate('2025-03-14'),"
                        + " toDateTime('2025-03-14 10:00:05'), 1741946405250, 'pbx', 'sales',"
                        + " 'a-7', 'k42', 12000, NULL, '', '{}')";
        String other =
                "('ev-2', 'default', 'c-2', 'QUEUED', 'VOICE', toDate('2025-03-14'),"
                        + " toDateTime('2025-03-14 10:00:06'), 1741946406000, 'pbx', 'sales',"
                        + " '', '', NULL, NULL, '', '{}')";
        // Two separate inserts of the same event, as a sink retrying after a failure would do.
        jdbc.execute("INSERT INTO ringstream.contact_events VALUES " + row + ", " + other);
        jdbc.execute("INSERT INTO ringstream.contact_events VALUES " + row);

        assertThat(jdbc.queryLong("SELECT count() FROM ringstream.contact_events")).isEqualTo(3);
        assertThat(jdbc.queryLong("SELECT count() FROM ringstream.contact_events FINAL"))
                .isEqualTo(2);
        assertThat(
                        jdbc.query(
                                "SELECT event_id, wait_ms, duration_ms FROM"
                                        + " ringstream.contact_events FINAL ORDER BY event_id"))
                .containsExactly(
                        Arrays.asList("ev-1", "12000", null), Arrays.asList("ev-2", null, null));

        jdbc.execute("SYSTEM START MERGES ringstream.contact_events");
        jdbc.execute("OPTIMIZE TABLE ringstream.contact_events FINAL");
        assertThat(jdbc.queryLong("SELECT count() FROM ringstream.contact_events")).isEqualTo(2);
    }

    @Test
    void finalCollapsesARedeliveredAgentEvent() {
        String row =
                "('ag-1', 'default', 'a-7', 'READY', toDate('2025-03-14'),"
                        + " toDateTime('2025-03-14 09:00:00'), 1741942800000, 'desktop', '', '',"
                        + " '{\"sales\":3}', '{}')";
        jdbc.execute("INSERT INTO ringstream.agent_events VALUES " + row);
        jdbc.execute("INSERT INTO ringstream.agent_events VALUES " + row);

        assertThat(jdbc.queryLong("SELECT count() FROM ringstream.agent_events")).isEqualTo(2);
        assertThat(jdbc.queryLong("SELECT count() FROM ringstream.agent_events FINAL"))
                .isEqualTo(1);
    }

    @Test
    void intervalStatsKeepTheHighestVersionWhateverTheArrivalOrder() {
        insertInterval(1, 5, 3);
        insertInterval(3, 9, 7);
        insertInterval(2, 7, 5);

        List<List<String>> rows =
                jdbc.query(
                        "SELECT offered, answered, version FROM ringstream.queue_interval_stats"
                                + " FINAL");
        assertThat(rows).containsExactly(List.of("9", "7", "3"));
        assertThat(jdbc.queryLong("SELECT count() FROM ringstream.queue_interval_stats"))
                .isEqualTo(3);

        jdbc.execute("SYSTEM START MERGES ringstream.queue_interval_stats");
        jdbc.execute("OPTIMIZE TABLE ringstream.queue_interval_stats FINAL");
        assertThat(jdbc.query("SELECT version FROM ringstream.queue_interval_stats"))
                .containsExactly(List.of("3"));
    }

    private static void insertInterval(long version, long offered, long answered) {
        jdbc.execute(
                "INSERT INTO ringstream.queue_interval_stats VALUES ('default', 'sales',"
                        + " toDateTime('2025-03-14 10:00:00'), 15, "
                        + offered
                        + ", "
                        + answered
                        + ", 1, 2, 20, 60000, 300000, "
                        + version
                        + ", now())");
    }
}
