package io.ringstream.gateway.events;

import io.ringstream.events.Assignment;
import io.ringstream.events.serde.InvalidEventException;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topic;
import io.ringstream.events.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code routing-assignments} on one thread so the hub learns which agent was offered and
 * accepted each conversation it owns (everything else it ignores). No consumer group: the gateway
 * reads every partition, starting {@code lookback} before now so an offer accepted while it
 * restarted is not missed, like routing-service's RoutingFeeds. A record that is not a valid
 * assignment is skipped and logged; routing-service is the topic's reporting reader and
 * dead-letters it. A topic that does not exist yet is looked for again every few seconds.
 */
public final class AssignmentsReader implements AutoCloseable {
    /**
     * The topics the gateway reads, for the registry's check that each has one reporting reader
     * (routing-service reports routing-assignments' rejects).
     */
    public static final List<Topic<?>> INPUTS = List.of(Topics.ROUTING_ASSIGNMENTS);

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentsReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long RESCAN_MILLIS = 2_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final Consumer<Assignment> target;
    private final Duration lookback;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean ready;

    public AssignmentsReader(
            String bootstrapServers, Duration lookback, Consumer<Assignment> target) {
        this.consumer = new KafkaConsumer<>(config(bootstrapServers));
        this.target = target;
        this.lookback = lookback;
        this.thread = new Thread(this::run, "gateway-assignments");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** True once the topic's partitions are assigned and positioned. */
    public boolean ready() {
        return ready;
    }

    private void run() {
        try {
            while (running) {
                if (!ready && !assign()) {
                    synchronized (this) {
                        wait(RESCAN_MILLIS);
                    }
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("Assignments reader woken unexpectedly", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Assignments reader stopped", e);
        } finally {
            consumer.close();
        }
    }

    private boolean assign() {
        List<PartitionInfo> infos =
                consumer.partitionsFor(Topics.ROUTING_ASSIGNMENTS.name(), Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : infos) {
            partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        consumer.assign(partitions);
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
        if (!toEnd.isEmpty()) {
            consumer.seekToEnd(toEnd);
            // Resolve the end positions now, so what is published after ready() is read.
            toEnd.forEach(consumer::position);
        }
        ready = true;
        LOG.info("Reading {} from {} ago", Topics.ROUTING_ASSIGNMENTS.name(), lookback);
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        Assignment assignment;
        try {
            assignment = Topics.ROUTING_ASSIGNMENTS.serde().deserialize(record.value());
        } catch (InvalidEventException e) {
            LOG.warn(
                    "Skipped {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            return;
        }
        try {
            target.accept(assignment);
        } catch (RuntimeException e) {
            LOG.warn("Applying {} failed", assignment, e);
        }
    }

    private static Map<String, Object> config(String bootstrapServers) {
        Map<String, Object> conf = new HashMap<>();
        conf.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        conf.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        conf.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        conf.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        conf.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        conf.put(ConsumerConfig.CLIENT_ID_CONFIG, Components.CHANNEL_GATEWAY + "-assignments");
        return conf;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
