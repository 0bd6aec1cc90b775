package io.ringstream.flink.sla.io;

import io.ringstream.events.topics.Topic;
import io.ringstream.flink.kit.kafka.Decoded;
import io.ringstream.flink.kit.kafka.KafkaConnectors;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;

/**
 * The SLA job's Kafka sources and sinks: the shared {@link KafkaConnectors}, with rejects naming
 * this job as the component that refused them.
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
        return KafkaConnectors.source(bootstrapServers, groupId, topic, COMPONENT);
    }

    /** Writes a topic's records keyed the registry's way; at least once (ids are stable). */
    public static <T> KafkaSink<T> sink(String bootstrapServers, Topic<T> topic) {
        return KafkaConnectors.sink(bootstrapServers, topic);
    }
}
