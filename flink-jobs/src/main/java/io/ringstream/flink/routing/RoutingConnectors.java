package io.ringstream.flink.routing;

import io.ringstream.events.topics.Topic;
import io.ringstream.flink.kit.kafka.Decoded;
import io.ringstream.flink.kit.kafka.DecodingDeserializer;
import io.ringstream.flink.kit.kafka.KafkaConnectors;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/** The routing job's Kafka sources and sinks, from the shared topic registry. */
public final class RoutingConnectors {
    private RoutingConnectors() {}

    /**
     * A source whose records arrive decoded or as dead letters naming the routing job.
     *
     * @param start where to begin without a checkpoint (with one, offsets come from it)
     */
    public static <T> KafkaSource<Decoded<T>> source(
            String bootstrapServers, String groupId, Topic<T> topic, OffsetsInitializer start) {
        return KafkaSource.<Decoded<T>>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic.name())
                .setGroupId(groupId)
                .setStartingOffsets(start)
                .setDeserializer(new DecodingDeserializer<>(topic, TenantRouter.COMPONENT))
                .setProperty("partition.discovery.interval.ms", "60000")
                // Routing waits for nothing: hand over records as soon as the broker has any.
                .setProperty("fetch.max.wait.ms", "50")
                .build();
    }

    /**
     * Writes a topic keyed by the registry. At least once, not exactly once: an exactly-once sink
     * only makes records visible when a checkpoint completes, which would add up to a checkpoint
     * interval to every assignment. A record re-sent after a restore carries the same event id
     * (offers and decisions have ids derived from their inputs), so consumers drop the repeat.
     */
    public static <T> KafkaSink<T> sink(String bootstrapServers, Topic<T> topic) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<T>builder()
                                .setTopic(topic.name())
                                .setKeySerializationSchema(new KafkaConnectors.KeySchema<>(topic))
                                .setValueSerializationSchema(
                                        new KafkaConnectors.ValueSchema<>(topic))
                                .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("linger.ms", "0")
                .build();
    }
}
