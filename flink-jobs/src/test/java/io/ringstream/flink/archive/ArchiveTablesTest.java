package io.ringstream.flink.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.AgentEventType;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.DeadLetter;
import io.ringstream.testkit.TestEvents;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events become rows with the encodings ClickHouse 18.16 accepts. */
class ArchiveTablesTest {
    private static final long AT = Instant.parse("2024-03-01T23:59:59.250Z").toEpochMilli();

    @Test
    void contactEventRowUsesUtcDateEpochSecondsAndEmptyStringsForAbsentText() {
        ContactEvent e = TestEvents.arrived("acme", "c1", AT);

        Object[] row = ArchiveTables.CONTACT_EVENTS.row(e);

        assertThat(row)
                .containsExactly(
                        e.eventId(),
                        "acme",
                        "c1",
                        "ARRIVED",
                        "VOICE",
                        "2024-03-01",
                        String.valueOf(AT / 1000),
                        AT,
                        "test",
                        "",
                        "",
                        "",
                        null,
                        null,
                        "",
                        "{\"ani\":\"+15550100\"}");
    }

    @Test
    void aContactEventsCustomerGoesToCustomerIdAfterTheAgent() {
        ContactEvent e =
                TestEvents.contact("acme", "c1", ContactEventType.IDENTIFIED, AT)
                        .customerId("k42")
                        .build();

        Map<String, Object> row = ArchiveTables.CONTACT_EVENTS.namedRow(e);

        assertThat(row).containsEntry("customer_id", "k42");
        assertThat(ArchiveTables.CONTACT_EVENTS.columns())
                .containsSubsequence("agent_id", "customer_id", "wait_ms");
    }

    @Test
    void agentEventRowEncodesSkillsAsJson() {
        Map<String, Object> row =
                ArchiveTables.AGENT_EVENTS.namedRow(
                        TestEvents.agent("acme", "a1", AgentEventType.LOGGED_IN, AT));

        assertThat(row).containsEntry("skills", "{\"sales\":3}").containsEntry("attributes", "{}");
    }

    @Test
    void deadLetterRowKeepsTheSource() {
        Object[] row =
                ArchiveTables.DEAD_LETTERS.row(
                        DeadLetter.fromKafka(
                                "bad", "flink:archive", "contact-events", 2, 9, "{", AT));

        assertThat(row)
                .containsExactly(
                        "bad",
                        "flink:archive",
                        "KAFKA",
                        "contact-events",
                        2,
                        9L,
                        "{",
                        String.valueOf(AT / 1000),
                        AT);
    }
}
