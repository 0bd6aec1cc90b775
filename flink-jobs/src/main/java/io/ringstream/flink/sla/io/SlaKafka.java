package io.ringstream.flink.sla.io;

import io.ringstream.events.DeadLetter;
import io.ringstream.events.serde.InvalidEventException;
import io.ringstream.events.topics.Topic;
import io.ringstream.flink.kafka.Decoded;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The SLA job's Kafka sources and sinks, built from the topic registry. Sources decode with the
 * topic's validating serde and never throw: rejects become dead letters that name this job as the
 * component that refused them.
 */
public final class SlaKafka {
    /** How the SLA job names itself in dead letters. */
    public static final String COMPONENT = "flink:sla";

    private SlaKafka() {}

    /**
     * A source of one topic, from the earliest offset when there is no checkpoint: clocks and KPIs
     * are rebuilt from the retained events, and every SLA policy is read.
     */
    public static <T> KafkaSource<Decoded<T>> source(
            String bootstrapServers, String groupId, Topic<T> topic) {
        return KafkaSource.<Decoded<T>>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic.name())
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new Decoding<>(topic))
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    /** Writes a topic's records keyed the registry's way; at least once (ids are stable). */
    public static <T> KafkaSink<T> sink(String bootstrapServers, Topic<T> topic) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<T>builder()
                                .setTopic(topic.name())
                                .setKeySerializationSchema(new KeySchema<>(topic))
                                .setValueSerializationSchema(new ValueSchema<>(topic))
                                .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** Decodes a record or explains, in a dead letter, why it cannot be decoded. */
    static final class Decoding<T> implements KafkaRecordDeserializationSchema<Decoded<T>> {
        private static final long serialVersionUID = 1L;
        private final Topic<T> topic;

        Decoding(Topic<T> topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<T>> out) {
            // Decode first, collect outside the try: a failure downstream is not the record's.
            Decoded<T> decoded = decode(record);
            out.collect(decoded);
        }

        Decoded<T> decode(ConsumerRecord<byte[], byte[]> record) {
            String reason;
            try {
                return Decoded.valid(topic.serde().deserialize(record.value()));
            } catch (RuntimeException e) {
                reason =
                        e instanceof InvalidEventException
                                ? e.getMessage()
                                : "undecodable " + topic.name() + " record: " + e;
            }
            return Decoded.rejected(
                    DeadLetter.fromKafka(
                            reason,
                            COMPONENT,
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

    // Named classes, not lambdas: the Kafka sink builder extracts their generic types.

    static final class KeySchema<T> implements SerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final Topic<T> topic;

        KeySchema(Topic<T> topic) {
            this.topic = topic;
        }

        @Override
        public byte[] serialize(T element) {
            return topic.keyOf(element).getBytes(StandardCharsets.UTF_8);
        }
    }

    static final class ValueSchema<T> implements SerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final Topic<T> topic;

        ValueSchema(Topic<T> topic) {
            this.topic = topic;
        }

        @Override
        public byte[] serialize(T element) {
            return topic.serde().serialize(element);
        }
    }
}
