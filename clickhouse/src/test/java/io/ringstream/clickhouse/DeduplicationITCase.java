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

    /**
     * V057's latest-state tables see every insert, redeliveries included, yet give what the raw
     * table gives with FINAL: they keep only argMax by turn and max, which a second identical row
     * does not change. Turns are inserted out of order, one conversation spans two days, and its
     * latest turn has no customer score (the customer's latest score is an earlier turn's).
     */
    @Test
    void latestStateTablesIgnoreARedeliveredRow() {
        String twoDays =
                sentimentRow("c-1", 1, "2025-03-13 23:59:58", "0.2", "sales", "a-1", 0)
                        + ", "
                        + sentimentRow("c-1", 3, "2025-03-14 00:00:30", "NULL", "sales", "a-2", 0);
        String today = sentimentRow("c-1", 2, "2025-03-14 00:00:10", "-0.6", "sales", "a-2", 1);
        jdbc.execute("INSERT INTO ringstream.conversation_sentiment VALUES " + today);
        jdbc.execute("INSERT INTO ringstream.conversation_sentiment VALUES " + twoDays);
        jdbc.execute("INSERT INTO ringstream.conversation_sentiment VALUES " + today);
        jdbc.execute(
                "INSERT INTO ringstream.conversation_sentiment VALUES "
                        + sentimentRow("c-2", 1, "2025-03-14 00:01:00", "NULL", "", "", 0));

        List<List<String>> raw =
                jdbc.query(
                        "SELECT contact_id, argMax(queue, turn), argMax(agent_id, turn),"
                                + " argMax(customer_rolling, turn), argMax(alerting, turn),"
                                + " max(turn), max(event_time)"
                                + " FROM ringstream.conversation_sentiment FINAL"
                                + " GROUP BY contact_id ORDER BY contact_id");
        assertThat(raw)
                .containsExactly(
                        Arrays.asList(
                                "c-1", "sales", "a-2", "-0.6", "0", "3", "2025-03-14 00:00:30"),
                        Arrays.asList("c-2", "", "", null, "0", "1", "2025-03-14 00:01:00"));
        assertThat(
                        jdbc.query(
                                "SELECT contact_id, argMaxMerge(queue), argMaxMerge(agent_id),"
                                        + " tupleElement(argMaxIfMerge(customer_rolling), 1),"
                                        + " argMaxMerge(alerting), maxMerge(turns),"
                                        + " maxMerge(last_utterance)"
                                        + " FROM ringstream.conversation_latest"
                                        + " GROUP BY contact_id ORDER BY contact_id"))
                .isEqualTo(raw);

        String queued =
                "('q-1', 'default', 'c-1', 'QUEUED', 'VOICE', toDate('2025-03-14'),"
                        + " toDateTime('2025-03-14 10:00:05'), 1741946405250, 'pbx', 'sales',"
                        + " '', '', NULL, NULL, '', '{}')";
        String requeued =
                "('q-2', 'default', 'c-1', 'QUEUED', 'VOICE', toDate('2025-03-14'),"
                        + " toDateTime('2025-03-14 10:03:00'), 1741946580100, 'pbx', 'billing',"
                        + " '', '', NULL, NULL, '', '{}')";
        jdbc.execute("INSERT INTO ringstream.contact_events VALUES " + requeued + ", " + queued);
        jdbc.execute("INSERT INTO ringstream.contact_events VALUES " + requeued);
        assertThat(
                        jdbc.query(
                                "SELECT contact_id, maxMerge(event_time_ms), count()"
                                        + " FROM (SELECT * FROM ringstream.contact_milestones"
                                        + " WHERE type = 'QUEUED'"
                                        + " AND event_time <= toDateTime('2025-03-14 10:02:59'))"
                                        + " GROUP BY contact_id"))
                .containsExactly(List.of("c-1", "1741946405250", "1"));
        assertThat(
                        jdbc.queryLong(
                                "SELECT maxMerge(event_time_ms) FROM ringstream.contact_milestones"
                                        + " WHERE type = 'QUEUED' AND contact_id = 'c-1'"))
                .isEqualTo(1741946580100L);
    }

    /**
     * V060's agent_latest gives each agent's latest state event as the raw table does: a
     * redelivered event (inserted twice) and a skills change after it change nothing, and an
     * agent's days merge into its latest state.
     */
    @Test
    void agentLatestIgnoresARedeliveredEventAndSkillsChanges() {
        String ready = agentRow("e-1", "a-1", "READY", "2025-03-13 23:59:00", 1741910340000L, "");
        String away =
                agentRow("e-2", "a-1", "NOT_READY", "2025-03-14 08:00:00", 1741939200500L, "lunch");
        String skills =
                agentRow("e-3", "a-1", "SKILLS_CHANGED", "2025-03-14 09:00:00", 1741942800000L, "");
        String other = agentRow("e-4", "a-2", "BUSY", "2025-03-14 07:00:00", 1741935600000L, "");
        jdbc.execute("INSERT INTO ringstream.agent_events VALUES " + away + ", " + ready);
        jdbc.execute("INSERT INTO ringstream.agent_events VALUES " + skills + ", " + away);
        jdbc.execute("INSERT INTO ringstream.agent_events VALUES " + other);

        List<List<String>> raw =
                jdbc.query(
                        "SELECT agent_id, argMax(type, event_time_ms), argMax(reason,"
                                + " event_time_ms), max(event_time_ms)"
                                + " FROM ringstream.agent_events FINAL"
                                + " WHERE type != 'SKILLS_CHANGED'"
                                + " GROUP BY agent_id ORDER BY agent_id");
        assertThat(raw)
                .containsExactly(
                        List.of("a-1", "NOT_READY", "lunch", "1741939200500"),
                        List.of("a-2", "BUSY", "", "1741935600000"));
        assertThat(
                        jdbc.query(
                                "SELECT agent_id, argMaxMerge(state), argMaxMerge(reason),"
                                        + " maxMerge(since_ms) FROM ringstream.agent_latest"
                                        + " GROUP BY agent_id ORDER BY agent_id"))
                .isEqualTo(raw);
    }

    private static String agentRow(
            String id, String agent, String type, String time, long millis, String reason) {
        return "('"
                + id
                + "', 'default', '"
                + agent
                + "', '"
                + type
                + "', toDate('"
                + time.substring(0, 10)
                + "'), toDateTime('"
                + time
                + "'), "
                + millis
                + ", 'test', '', '"
                + reason
                + "', '', '{}')";
    }

    private static String sentimentRow(
            String contact,
            int turn,
            String time,
            String customerRolling,
            String queue,
            String agent,
            int alerting) {
        return "('default', '"
                + contact
                + "', "
                + turn
                + ", 'u-"
                + contact
                + "-"
                + turn
                + "', 'CUSTOMER', toDate(toDateTime('"
                + time
                + "')), toDateTime('"
                + time
                + "'), toUInt64(toDateTime('"
                + time
                + "')) * 1000, "
                + turn
                + ", "
                + customerRolling
                + ", "
                + customerRolling
                + ", "
                + customerRolling
                + ", NULL, 0.0, "
                + alerting
                + ", 'en', '"
                + queue
                + "', '"
                + agent
                + "', 0)";
    }

    /**
     * routing_decisions_by_time (V059), fed by its view, collapses a decision the job writes again
     * as routing_decisions does, even when the replay carries another time of the same day.
     */
    @Test
    void aRedeliveredDecisionCollapsesInTheTimeSortedCopy() {
        String first = decisionRow("d-1", "c-1", "2025-03-14 10:00:05", 2);
        String replay = decisionRow("d-1", "c-1", "2025-03-14 10:00:09", 2);
        String other = decisionRow("d-2", "c-2", "2025-03-14 10:00:06", 1);
        jdbc.execute("INSERT INTO ringstream.routing_decisions VALUES " + first + ", " + other);
        jdbc.execute("INSERT INTO ringstream.routing_decisions VALUES " + replay);

        for (String table :
                List.of("ringstream.routing_decisions", "ringstream.routing_decisions_by_time")) {
            assertThat(jdbc.queryLong("SELECT count() FROM " + table)).as(table).isEqualTo(3);
            assertThat(
                            jdbc.query(
                                    "SELECT decision_id, contact_id, decision_time, step FROM "
                                            + table
                                            + " FINAL ORDER BY decision_id"))
                    .as(table)
                    .containsExactly(
                            List.of("d-1", "c-1", "2025-03-14 10:00:09", "2"),
                            List.of("d-2", "c-2", "2025-03-14 10:00:06", "1"));
        }
    }

    private static String decisionRow(String id, String contact, String time, int step) {
        return "('"
                + id
                + "', 'default', toDate('"
                + time
                + "'), toDateTime('"
                + time
                + "'), toUInt64(toUnixTimestamp(toDateTime('"
                + time
                + "'))) * 1000, '"
                + contact
                + "', 'sales', 'a-1', 'o-1', "
                + step
                + ", 'BEST_FIT', 'best fit', 2, 1, '[]')";
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
