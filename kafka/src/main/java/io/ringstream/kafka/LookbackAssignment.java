package io.ringstream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Assigns a consumer without a group the partitions of its topics as each topic appears, and starts
 * each newly assigned partition {@code lookback} before now (at its end where nothing is that
 * recent), so a reader that (re)starts neither begins blind nor replays the whole topic.
 *
 * <p>Not thread-safe: used on the consumer's own thread. The set of assigned topics lives as long
 * as the consumer and only grows.
 */
final class LookbackAssignment {
    private final Consumer<?, ?> consumer;
    private final Set<String> topics;
    private final Duration lookback;
    private final Set<String> assigned = new LinkedHashSet<>();

    LookbackAssignment(Consumer<?, ?> consumer, Collection<String> topics, Duration lookback) {
        this.consumer = consumer;
        this.topics = new LinkedHashSet<>(topics);
        this.lookback = lookback;
    }

    /**
     * Assigns the topics that exist now and were not assigned yet, keeping the partitions already
     * assigned where they are. Returns true once every topic is assigned.
     */
    boolean assignNewTopics() {
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : topics) {
            if (assigned.contains(topic)) {
                continue;
            }
            List<TopicPartition> partitions = Partitions.of(consumer, topic);
            if (!partitions.isEmpty()) {
                assigned.add(topic);
                added.addAll(partitions);
            }
        }
        if (!added.isEmpty()) {
            List<TopicPartition> all = new ArrayList<>(consumer.assignment());
            all.addAll(added);
            consumer.assign(all);
            position(added);
        }
        return complete();
    }

    /** True once every topic is assigned. */
    boolean complete() {
        return assigned.size() == topics.size();
    }

    /** The topics assigned so far. */
    Set<String> assignedTopics() {
        return Set.copyOf(assigned);
    }

    private void position(List<TopicPartition> partitions) {
        long since = System.currentTimeMillis() - lookback.toMillis();
        Map<TopicPartition, Long> byTime = new HashMap<>();
        partitions.forEach(tp -> byTime.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(byTime);
        List<TopicPartition> toEnd = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = offsets.get(tp);
            if (at == null) {
                toEnd.add(tp);
            } else {
                consumer.seek(tp, at.offset());
            }
        }
        // An empty collection would mean "all assigned partitions" to seekToEnd.
        if (!toEnd.isEmpty()) {
            consumer.seekToEnd(toEnd);
            // Resolve the end positions now, so what is published once assigned is read.
            toEnd.forEach(consumer::position);
        }
    }
}
