package io.ringstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.events.serde.InvalidEventException;
import io.ringstream.events.topics.Topics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

    private static ContactEvent answered() {
        return ContactEvent.builder(ContactEventType.ANSWERED, "1700000000.1")
                .eventId(EventIds.of("ami", "pbx1", "1700000000.1", "AgentConnect"))
                .eventTime(1_700_000_010_000L)
                .source("ami:pbx1")
                .queue("sales")
                .agentId("PJSIP/1001")
                .waitMillis(12_000L)
                .attributes(Map.of("ringMillis", "3000"))
                .build();
    }

    @Test
    void contactEventRoundTripsThroughJson() {
        ContactEvent event = answered();

        ContactEvent decoded =
                Topics.CONTACT_EVENTS
                        .serde()
                        .deserialize(Topics.CONTACT_EVENTS.serde().serialize(event));

        assertThat(decoded).isEqualTo(event);
        assertThat(Topics.CONTACT_EVENTS.keyOf(decoded)).isEqualTo("1700000000.1");
    }

    @Test
    void theCustomerIdRoundTripsAndAnEventWrittenBeforeItDecodesWithout() {
        ContactEvent identified =
                ContactEvent.builder(ContactEventType.IDENTIFIED, "1700000000.1")
                        .eventId(EventIds.of("bridge", "1700000000.1", "IDENTIFIED", "k42"))
                        .eventTime(1_700_000_001_000L)
                        .source("bridge:pbx1")
                        .customerId("k42")
                        .build();
        String old =
                "{\"schemaVersion\":1,\"eventId\":\"x\",\"type\":\"ARRIVED\",\"tenant\":\"default\","
                        + "\"contactId\":\"c1\",\"channel\":\"VOICE\",\"eventTime\":1700000000000,"
                        + "\"source\":\"test\",\"queue\":null,\"agentId\":null}";

        ContactEvent decoded =
                Topics.CONTACT_EVENTS
                        .serde()
                        .deserialize(Topics.CONTACT_EVENTS.serde().serialize(identified));

        assertThat(decoded).isEqualTo(identified);
        assertThat(decoded.customerId()).isEqualTo("k42");
        assertThat(Topics.CONTACT_EVENTS.serde().toJson(identified))
                .contains("\"agentId\":null,\"customerId\":\"k42\"");
        assertThat(Topics.CONTACT_EVENTS.serde().fromJson(old).customerId()).isNull();
    }

    @Test
    void identifiedRequiresTheCustomerButNoQueueOrAgent() {
        ContactEvent.Builder identified =
                ContactEvent.builder(ContactEventType.IDENTIFIED, "c1")
                        .eventId("e1")
                        .eventTime(1_700_000_000_000L)
                        .source("test");

        assertThat(identified.build().violations()).containsExactly("customerId is required");
        assertThat(identified.customerId("k42").build().violations()).isEmpty();
    }

    @Test
    void malformedJsonIsRejectedWithAReason() {
        assertThatThrownBy(() -> Topics.CONTACT_EVENTS.serde().fromJson("{\"type\": \"ANSWERED\","))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("malformed ContactEvent");
    }

    @Test
    void unknownEnumValueIsRejected() {
        String json =
                Topics.CONTACT_EVENTS.serde().toJson(answered()).replace("ANSWERED", "TELEPORTED");

        assertThatThrownBy(() -> Topics.CONTACT_EVENTS.serde().fromJson(json))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("TELEPORTED");
    }

    @Test
    void invalidEventListsEveryViolation() {
        String json =
                "{\"schemaVersion\":1,\"eventId\":\"x\",\"type\":\"ANSWERED\",\"tenant\":\"default\","
                        + "\"contactId\":\"c1\",\"channel\":\"VOICE\",\"eventTime\":1700000000000,"
                        + "\"source\":\"test\",\"waitMillis\":-5}";

        assertThatThrownBy(() -> Topics.CONTACT_EVENTS.serde().fromJson(json))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("queue is required")
                .hasMessageContaining("agentId is required")
                .hasMessageContaining("waitMillis must not be negative");
    }

    @Test
    void eventTimeInMicrosecondsIsRejected() {
        ContactEvent micros =
                ContactEvent.builder(ContactEventType.ARRIVED, "c1")
                        .eventId("e1")
                        .eventTime(1_700_000_000_000_000L)
                        .source("test")
                        .build();

        assertThat(micros.violations())
                .containsExactly("eventTime 1700000000000000 is not epoch milliseconds");
    }

    @Test
    void unsupportedSchemaVersionIsRejected() {
        String json =
                Topics.CONTACT_EVENTS
                        .serde()
                        .toJson(answered())
                        .replace("\"schemaVersion\":1", "\"schemaVersion\":9");

        assertThatThrownBy(() -> Topics.CONTACT_EVENTS.serde().fromJson(json))
                .hasMessageContaining("unsupported schemaVersion 9");
    }

    @Test
    void agentNotReadyNeedsAReasonAndSkillsAreOneToFive() {
        AgentEvent notReady =
                new AgentEvent(
                        1,
                        "e",
                        AgentEventType.NOT_READY,
                        "default",
                        "a1",
                        1_700_000_000_000L,
                        "test",
                        null,
                        null,
                        Map.of("billing", 7),
                        null);

        assertThat(notReady.violations())
                .containsExactlyInAnyOrder(
                        "reason is required", "proficiency of billing must be 1..5");
    }

    @Test
    void eventIdsAreStableAcrossCalls() {
        assertThat(EventIds.of("ami", "pbx1", "42.1", "Hangup"))
                .isEqualTo(EventIds.of("ami", "pbx1", "42.1", "Hangup"))
                .isNotEqualTo(EventIds.of("ami", "pbx1", "42.2", "Hangup"));
    }

    @Test
    void everyTopicIsDeclaredOnceWithAPositiveRetention() {
        assertThat(Topics.ALL).extracting(t -> t.name()).doesNotHaveDuplicates();
        assertThat(Topics.ALL).allSatisfy(t -> assertThat(t.retention()).isPositive());
    }
}
