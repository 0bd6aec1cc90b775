package io.ringstream.flink.kit.kafka;

import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Topic;
import io.ringstream.events.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/** Builds the job's Kafka sources and the dead-letter sink from the shared topic registry. */
public final class KafkaConnectors {
    private KafkaConnectors() {}

    /**
     * A source of one topic whose records arrive decoded or as dead letters.
     *
     * <p>Without a checkpoint it starts from the earliest offset: the interval state must be
     * rebuilt from the whole topic, since a partial recomputation would emit rows with lower
     * versions than those already stored. On restore, offsets come from the checkpoint.
     */
    public static <T> KafkaSource<Decoded<T>> source(
            String bootstrapServers, String groupId, Topic<T> topic) {
        return source(bootstrapServers, groupId, topic, DecodingDeserializer.COMPONENT);
    }

    /**
     * As {@link #source(String, String, Topic)}, with dead letters naming {@code component} as the
     * job that refused the record.
     */
    public static <T> KafkaSource<Decoded<T>> source(
            String bootstrapServers, String groupId, Topic<T> topic, String component) {
        return KafkaSource.<Decoded<T>>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic.name())
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new DecodingDeserializer<>(topic, component))
                // New partitions of a topic are picked up without a restart.
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    /**
     * Writes dead letters to {@link Topics#DEAD_LETTERS}, keyed by component. At least once: after
     * a restore a dead letter may be written again; its topic/partition/offset identify it.
     */
    public static KafkaSink<DeadLetter> deadLetterSink(String bootstrapServers) {
        return sink(bootstrapServers, Topics.DEAD_LETTERS);
    }

    /**
     * Writes a topic's records keyed and encoded the registry's way. At least once: consumers
     * recognize a record written again after a restore by its stable id or source position.
     */
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

    // Named classes, not lambdas: the Kafka sink builder extracts their generic types.

    /** Encodes a record key the way the topic registry keys the topic. */
    public static final class KeySchema<T> implements SerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final Topic<T> topic;

        public KeySchema(Topic<T> topic) {
            this.topic = topic;
        }

        @Override
        public byte[] serialize(T element) {
            return topic.keyOf(element).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Encodes a record value with the topic's serde. */
    public static final class ValueSchema<T> implements SerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final Topic<T> topic;

        public ValueSchema(Topic<T> topic) {
            this.topic = topic;
        }

        @Override
        public byte[] serialize(T element) {
            return topic.serde().serialize(element);
        }
    }
}
