package io.ringstream.flink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.AgentEventType;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.flink.stats.QueueIntervalStats;
import io.ringstream.testkit.TestEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Events become rows with the encodings ClickHouse 18.16 accepts. */
class RingstreamTablesTest {
    private static final long AT = Instant.parse("2024-03-01T23:59:59.250Z").toEpochMilli();

    @Test
    void contactEventRowUsesUtcDateEpochSecondsAndEmptyStringsForAbsentText() {
        ContactEvent e = TestEvents.arrived("acme", "c1", AT);

        Object[] row = RingstreamTables.contactEventRow(e);

        assertThat(row).hasSize(RingstreamTables.CONTACT_EVENT_COLUMNS.size());
        assertThat(row)
                .containsExactly(
                        e.eventId(),
                        "acme",
                        "c1",
                        "ARRIVED",
                        "VOICE",
                        "2024-03-01",
                        AT / 1000,
                        AT,
                        "test",
                        "",
                        "",
                        null,
                        null,
                        "",
                        "{\"ani\":\"+15550100\"}");
    }

    @Test
    void agentEventRowEncodesSkillsAsJson() {
        Object[] row =
                RingstreamTables.agentEventRow(
                        TestEvents.agent("acme", "a1", AgentEventType.LOGGED_IN, AT));

        assertThat(row).hasSize(RingstreamTables.AGENT_EVENT_COLUMNS.size());
        assertThat(row[10]).isEqualTo("{\"sales\":3}");
        assertThat(row[11]).isEqualTo("{}");
    }

    @Test
    void statsRowUsesEpochSecondsForTimes() {
        Object[] row =
                RingstreamTables.queueIntervalStatsRow(
                        new QueueIntervalStats(
                                "t",
                                "q",
                                1_709_287_200_000L,
                                15,
                                5,
                                3,
                                1,
                                2,
                                20,
                                9,
                                8,
                                9,
                                1_709_287_201_999L));

        assertThat(row).hasSize(RingstreamTables.QUEUE_INTERVAL_STATS_COLUMNS.size());
        assertThat(row)
                .containsExactly(
                        "t",
                        "q",
                        1_709_287_200L,
                        15,
                        5L,
                        3L,
                        1L,
                        2L,
                        20,
                        9L,
                        8L,
                        9L,
                        1_709_287_201L);
    }

    @Test
    void deadLetterRowKeepsTheSource() {
        Object[] row =
                RingstreamTables.deadLetterRow(
                        DeadLetter.fromKafka(
                                "bad", "flink:queue-stats", "contact-events", 2, 9, "{", AT));

        assertThat(row)
                .containsExactly(
                        "bad",
                        "flink:queue-stats",
                        "KAFKA",
                        "contact-events",
                        2,
                        9L,
                        "{",
                        AT / 1000,
                        AT);
    }
}
