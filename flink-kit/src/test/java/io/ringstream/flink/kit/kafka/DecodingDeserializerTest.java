package io.ringstream.flink.kit.kafka;

import static io.ringstream.testkit.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topics;
import io.ringstream.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The deserializer never throws: bad records become dead letters that say where they were, made by
 * the topic's reporting reader only.
 */
class DecodingDeserializerTest {
    private final DecodingDeserializer<ContactEvent> deserializer =
            new DecodingDeserializer<>(Topics.CONTACT_EVENTS, Components.ARCHIVE_JOB);

    private Decoded<ContactEvent> decode(byte[] value) {
        List<Decoded<ContactEvent>> out = collect(deserializer, value);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static List<Decoded<ContactEvent>> collect(
            DecodingDeserializer<ContactEvent> deserializer, byte[] value) {
        List<Decoded<ContactEvent>> out = new ArrayList<>();
        deserializer.deserialize(
                new ConsumerRecord<>("contact-events", 4, 77L, "key".getBytes(), value),
                new Collector<>() {
                    @Override
                    public void collect(Decoded<ContactEvent> record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }

    @Test
    void validRecordsBecomeEvents() {
        ContactEvent event = TestEvents.queued("acme", "c1", "sales", T0);

        Decoded<ContactEvent> decoded = decode(Topics.CONTACT_EVENTS.serde().serialize(event));

        assertThat(decoded.isValid()).isTrue();
        assertThat(decoded.event()).isEqualTo(event);
    }

    @Test
    void malformedJsonBecomesADeadLetterWithItsSource() {
        Decoded<ContactEvent> decoded = decode("{\"type\": \"QUEUED\",".getBytes());

        assertThat(decoded.isValid()).isFalse();
        DeadLetter dl = decoded.deadLetter();
        assertThat(dl.reason()).startsWith("malformed ContactEvent");
        assertThat(dl.component()).isEqualTo(Components.ARCHIVE_JOB);
        assertThat(dl.origin()).isEqualTo(DeadLetter.Origin.KAFKA);
        assertThat(dl.topic()).isEqualTo("contact-events");
        assertThat(dl.partition()).isEqualTo(4);
        assertThat(dl.offset()).isEqualTo(77L);
        assertThat(dl.payload()).isEqualTo("{\"type\": \"QUEUED\",");
        assertThat(dl.failedAt()).isPositive();
    }

    @Test
    void invalidEventsBecomeDeadLettersWithTheViolation() {
        String json =
                Topics.CONTACT_EVENTS
                        .serde()
                        .toJson(TestEvents.answered("acme", "c1", "sales", T0, 1_000L))
                        .replace("\"agentId\":\"agent-1\",", "");

        DeadLetter dl = decode(json.getBytes(StandardCharsets.UTF_8)).deadLetter();

        assertThat(dl.reason()).contains("agentId is required");
        assertThat(dl.payload()).isEqualTo(json);
    }

    @Test
    void aReaderThatDoesNotReportTheTopicSkipsBadRecordsAndCountsThem() {
        DecodingDeserializer<ContactEvent> sla =
                new DecodingDeserializer<>(Topics.CONTACT_EVENTS, Components.SLA_JOB);
        ContactEvent event = TestEvents.queued("acme", "c1", "sales", T0);

        assertThat(collect(sla, "{\"type\": \"QUEUED\",".getBytes())).isEmpty();
        assertThat(collect(sla, Topics.CONTACT_EVENTS.serde().serialize(event)))
                .extracting(Decoded::event)
                .containsExactly(event);
        assertThat(sla.skipped()).isEqualTo(1);
        assertThat(deserializer.skipped()).isZero();
    }

    @Test
    void tombstonesBecomeDeadLetters() {
        DeadLetter dl = decode(null).deadLetter();
        assertThat(dl.reason()).isEqualTo("empty payload");
        assertThat(dl.payload()).isEmpty();
    }
}
