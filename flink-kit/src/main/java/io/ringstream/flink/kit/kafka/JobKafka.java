package io.ringstream.flink.kit.kafka;

import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Topic;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.kit.runtime.JobConfig;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/**
 * One job's Kafka sources and sinks, built from the topic registry: sources decode each record or
 * turn it into a dead letter naming this job, sinks key and encode the registry's way. Every job
 * gets its connectors here instead of writing its own factory.
 *
 * <p>Delivery: sinks are at least once. An exactly-once sink would only make records visible when a
 * checkpoint completes, adding up to a checkpoint interval to every offer and alert; records
 * written again after a restore carry the same event id (ids derive from their inputs), so
 * consumers drop the repeat.
 */
public final class JobKafka {
    private final String bootstrapServers;
    private final String groupId;
    private final String component;
    private final boolean lowLatency;

    private JobKafka(
            String bootstrapServers, String groupId, String component, boolean lowLatency) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.component = Objects.requireNonNull(component, "component");
        this.lowLatency = lowLatency;
    }

    /**
     * @param component how the job names itself in the dead letters its sources make
     */
    public static JobKafka of(String bootstrapServers, String groupId, String component) {
        return new JobKafka(bootstrapServers, groupId, component, false);
    }

    public static JobKafka of(JobConfig<?> config, String component) {
        return of(config.kafkaBootstrap(), config.consumerGroup(), component);
    }

    /**
     * The same, tuned for a request/response path (routing): sources hand over records as soon as
     * the broker has any, sinks send each record at once.
     */
    public JobKafka lowLatency() {
        return new JobKafka(bootstrapServers, groupId, component, true);
    }

    /**
     * A source of one topic from the earliest offset when there is no checkpoint (state is rebuilt
     * from the retained records); on restore, offsets come from the checkpoint.
     */
    public <T> KafkaSource<Decoded<T>> source(Topic<T> topic) {
        return source(topic, OffsetsInitializer.earliest());
    }

    /**
     * @param start where to begin without a checkpoint (with one, offsets come from it)
     */
    public <T> KafkaSource<Decoded<T>> source(Topic<T> topic, OffsetsInitializer start) {
        var builder =
                KafkaSource.<Decoded<T>>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topic.name())
                        .setGroupId(groupId)
                        .setStartingOffsets(start)
                        .setDeserializer(new DecodingDeserializer<>(topic, component))
                        // New partitions of a topic are picked up without a restart.
                        .setProperty("partition.discovery.interval.ms", "60000");
        if (lowLatency) {
            builder.setProperty("fetch.max.wait.ms", "50");
        }
        return builder.build();
    }

    /** Writes a topic's records keyed and encoded the registry's way; at least once. */
    public <T> KafkaSink<T> sink(Topic<T> topic) {
        var builder =
                KafkaSink.<T>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setRecordSerializer(
                                KafkaRecordSerializationSchema.<T>builder()
                                        .setTopic(topic.name())
                                        .setKeySerializationSchema(new KeySchema<>(topic))
                                        .setValueSerializationSchema(new ValueSchema<>(topic))
                                        .build())
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
        if (lowLatency) {
            builder.setProperty("linger.ms", "0");
        }
        return builder.build();
    }

    /** Writes dead letters to {@link Topics#DEAD_LETTERS}, keyed by component; at least once. */
    public KafkaSink<DeadLetter> deadLetters() {
        return sink(Topics.DEAD_LETTERS);
    }

    // Named classes, not lambdas: the Kafka sink builder extracts their generic types.

    /** Encodes a record key the way the topic registry keys the topic. */
    static final class KeySchema<T> implements SerializationSchema<T>, Serializable {
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

    /** Encodes a record value with the topic's serde. */
    static final class ValueSchema<T> implements SerializationSchema<T>, Serializable {
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
