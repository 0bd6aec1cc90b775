package io.ringstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.serde.InvalidEventException;
import io.ringstream.events.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared-broker extension: marks isolate tests, raw and decoded reads, honest failures. */
class KafkaExtensionITCase {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void awaitsPublishedEventsDecoded() {
        ContactEvent first = queued("kx-decoded-1", "sales");
        ContactEvent second = queued("kx-decoded-2", "support");
        KAFKA.produce(Topics.CONTACT_EVENTS, first);
        KAFKA.publisher().publish(Topics.CONTACT_EVENTS, second);

        List<ContactEvent> got = KAFKA.awaitRecords(Topics.CONTACT_EVENTS, 2, TIMEOUT);

        assertThat(got).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void markHidesEarlierRecordsAndFilterCountsOnlyMatches() {
        ContactEvent before = queued("kx-mark-1", "sales");
        KAFKA.produce(Topics.CONTACT_EVENTS, before);
        KAFKA.mark();
        ContactEvent other = queued("kx-mark-other", "sales");
        ContactEvent after = queued("kx-mark-2", "sales");
        KAFKA.produce(Topics.CONTACT_EVENTS, other);
        KAFKA.produce(Topics.CONTACT_EVENTS, after);

        List<ContactEvent> got =
                KAFKA.awaitRecords(
                        Topics.CONTACT_EVENTS, e -> e.contactId().equals("kx-mark-2"), 1, TIMEOUT);

        assertThat(got).containsExactly(after);
    }

    @Test
    void rawRecordsKeepMalformedInputAndDecodingItFailsLoudly() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        KAFKA.produceRaw(Topics.CONTACT_EVENTS.name(), "kx-raw", garbage);

        List<ConsumerRecord<String, byte[]>> raw =
                KAFKA.awaitRawRecords(Topics.CONTACT_EVENTS.name(), 1, TIMEOUT);

        assertThat(raw).hasSize(1);
        assertThat(raw.get(0).key()).isEqualTo("kx-raw");
        assertThat(raw.get(0).value()).isEqualTo(garbage);
        assertThatThrownBy(() -> KAFKA.awaitRecords(Topics.CONTACT_EVENTS, 1, TIMEOUT))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("contact-events-");
    }

    @Test
    void failsWhenFewerRecordsArrive() {
        KAFKA.produce(Topics.CONTACT_EVENTS, queued("kx-few-1", "sales"));

        assertThatThrownBy(
                        () -> KAFKA.awaitRecords(Topics.CONTACT_EVENTS, 2, Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected at least 2 records on contact-events")
                .hasMessageContaining("got 1");
    }

    private static ContactEvent queued(String contactId, String queue) {
        return ContactEvent.builder(ContactEventType.QUEUED, contactId)
                .eventId(EventIds.of("testkit", contactId, "queued"))
                .eventTime(1_700_000_000_000L)
                .source("testkit-test")
                .queue(queue)
                .build();
    }
}
