package io.ringstream.sentiment.job.sinks;

import io.ringstream.events.topics.Topic;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Kafka sinks for any registry topic, keyed and encoded as the registry says (flink-jobs only
 * offers the dead-letter one). At least once: consumers recognize a re-sent event by its id.
 */
public final class TopicSinks {
    private TopicSinks() {}

    public static <T> KafkaSink<T> atLeastOnce(String bootstrapServers, Topic<T> topic) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<T>builder()
                                .setTopic(topic.name())
                                .setKeySerializationSchema(new Key<>(topic))
                                .setValueSerializationSchema(new Value<>(topic))
                                .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    // Named classes, not lambdas: the Kafka sink builder extracts their generic types.

    /** The record key, as the registry keys the topic. */
    static final class Key<T> implements SerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final Topic<T> topic;

        Key(Topic<T> topic) {
            this.topic = topic;
        }

        @Override
        public byte[] serialize(T element) {
            return topic.keyOf(element).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The record value, with the topic's validating serde. */
    static final class Value<T> implements SerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final Topic<T> topic;

        Value(Topic<T> topic) {
            this.topic = topic;
        }

        @Override
        public byte[] serialize(T element) {
            return topic.serde().serialize(element);
        }
    }
}
