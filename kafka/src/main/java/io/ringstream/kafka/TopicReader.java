package io.ringstream.kafka;

import io.ringstream.events.serde.InvalidEventException;
import io.ringstream.events.topics.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one topic without a consumer group, from the beginning or from given offsets, for tests and
 * tools that need to see what is on a topic. Only committed records are visible (read_committed),
 * matching what Ringstream's own consumers see of transactional producers.
 *
 * <p>Not thread-safe: one reader per thread.
 */
public final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Map<Integer, Long> startOffsets;

    private TopicReader(String bootstrapServers, String topic, Map<Integer, Long> startOffsets) {
        this.consumer =
                GrouplessConsumer.open(
                        bootstrapServers,
                        Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        this.topic = topic;
        this.startOffsets = Map.copyOf(startOffsets);
    }

    /** A reader positioned at the first retained record of every partition. */
    public static TopicReader fromBeginning(String bootstrapServers, String topic) {
        return new TopicReader(bootstrapServers, topic, Map.of());
    }

    /**
     * A reader positioned at {@code startOffsets} (partition to offset); partitions not in the map
     * start at their beginning, which covers partitions and topics created later.
     */
    public static TopicReader fromOffsets(
            String bootstrapServers, String topic, Map<Integer, Long> startOffsets) {
        return new TopicReader(bootstrapServers, topic, startOffsets);
    }

    /** The offset the next committed record of each partition will get; empty if no topic. */
    public static Map<Integer, Long> endOffsets(String bootstrapServers, String topic) {
        try (TopicReader reader = fromBeginning(bootstrapServers, topic)) {
            return reader.endOffsets();
        }
    }

    /** Every committed record on the topic now, decoded. */
    public static <T> List<T> readAll(String bootstrapServers, Topic<T> topic, Duration timeout) {
        List<T> values = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record :
                readAllRaw(bootstrapServers, topic.name(), timeout)) {
            values.add(decode(topic, record));
        }
        return values;
    }

    /** Every committed record on the topic now, as stored. */
    public static List<ConsumerRecord<String, byte[]>> readAllRaw(
            String bootstrapServers, String topic, Duration timeout) {
        try (TopicReader reader = fromBeginning(bootstrapServers, topic)) {
            return reader.readToEnd(timeout);
        }
    }

    /**
     * Decodes one record.
     *
     * @throws InvalidEventException naming the record's position and the reason
     */
    public static <T> T decode(Topic<T> topic, ConsumerRecord<String, byte[]> record) {
        try {
            return topic.serde().deserialize(record.value());
        } catch (InvalidEventException e) {
            throw new InvalidEventException(
                    record.topic()
                            + "-"
                            + record.partition()
                            + "@"
                            + record.offset()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The next records after the previous call; empty if none arrived within {@code timeout}. */
    public List<ConsumerRecord<String, byte[]>> poll(Duration timeout) {
        if (consumer.assignment().isEmpty() && !assign()) {
            return List.of();
        }
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        consumer.poll(timeout).forEach(out::add);
        return out;
    }

    /** Reads until every partition reaches the end offsets taken at the start of this call. */
    public List<ConsumerRecord<String, byte[]>> readToEnd(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        if (consumer.assignment().isEmpty() && !assign()) {
            return List.of();
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        while (!reached(ends)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "did not reach the end of " + topic + " within " + timeout);
            }
            consumer.poll(Duration.ofMillis(100)).forEach(out::add);
        }
        return out;
    }

    private Map<Integer, Long> endOffsets() {
        if (consumer.assignment().isEmpty() && !assign()) {
            return Map.of();
        }
        Map<Integer, Long> result = new HashMap<>();
        consumer.endOffsets(consumer.assignment())
                .forEach((tp, offset) -> result.put(tp.partition(), offset));
        return result;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Returns false while the topic does not exist yet. */
    private boolean assign() {
        List<TopicPartition> partitions = Partitions.of(consumer, topic);
        if (partitions.isEmpty()) {
            return false;
        }
        consumer.assign(partitions);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long offset = startOffsets.get(tp.partition());
            if (offset == null) {
                fromStart.add(tp);
            } else {
                consumer.seek(tp, offset);
            }
        }
        // An empty collection would mean "all assigned partitions" to seekToBeginning.
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
