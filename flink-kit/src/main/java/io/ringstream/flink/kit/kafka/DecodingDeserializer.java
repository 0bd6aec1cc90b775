package io.ringstream.flink.kit.kafka;

import io.ringstream.events.DeadLetter;
import io.ringstream.events.serde.InvalidEventException;
import io.ringstream.events.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes a topic's records with its validating serde and never throws: a record that is not a
 * valid event becomes a {@link DeadLetter} carrying the reason and its topic, partition and offset,
 * so one bad record can neither stop the job nor vanish.
 */
public class DecodingDeserializer<T> implements KafkaRecordDeserializationSchema<Decoded<T>> {
    private static final long serialVersionUID = 1L;

    /** How the queue-stats job names itself in dead letters; the default component. */
    public static final String COMPONENT = "flink:queue-stats";

    private final Topic<T> topic;
    private final String component;

    /** Names {@link #COMPONENT} in dead letters. */
    public DecodingDeserializer(Topic<T> topic) {
        this(topic, COMPONENT);
    }

    /**
     * @param component how the job reading the topic names itself in the dead letters it makes
     */
    public DecodingDeserializer(Topic<T> topic, String component) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.component = Objects.requireNonNull(component, "component");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) {
        // Decode first, collect outside the try: a failure downstream must not become a dead
        // letter.
        Decoded<T> decoded = decode(record);
        out.collect(decoded);
    }

    Decoded<T> decode(ConsumerRecord<byte[], byte[]> record) {
        String reason;
        try {
            return Decoded.valid(topic.serde().deserialize(record.value()));
        } catch (InvalidEventException e) {
            reason = e.getMessage();
        } catch (RuntimeException e) {
            // The serde promises InvalidEventException; anything else is still the record's fault.
            reason = "undecodable " + topic.name() + " record: " + e;
        }
        return Decoded.rejected(
                DeadLetter.fromKafka(
                        reason,
                        component,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.value() == null
                                ? ""
                                : new String(record.value(), StandardCharsets.UTF_8),
                        System.currentTimeMillis()));
    }

    @Override
    public TypeInformation<Decoded<T>> getProducedType() {
        return Decoded.typeOf(topic.serde().type());
    }
}
