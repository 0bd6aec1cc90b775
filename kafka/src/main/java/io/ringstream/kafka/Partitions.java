package io.ringstream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Looks up a topic's partitions for readers that assign them by hand, where "the topic does not
 * exist yet" is an ordinary answer (an empty list to try again later), not an error.
 */
final class Partitions {
    static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private Partitions() {}

    /** The partitions of {@code topic}; empty while it does not exist. */
    static List<TopicPartition> of(Consumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        List<TopicPartition> partitions = new ArrayList<>();
        if (infos != null) {
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }
}
