package io.ringstream.routing.kafka;

import io.ringstream.events.DeadLetter;
import io.ringstream.events.serde.InvalidEventException;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topic;
import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.routing.alerts.AlertFeed;
import io.ringstream.routing.live.RoutingView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Feeds the service's in-memory views from Kafka on one thread: the routing job's assignments and
 * status snapshots into {@link RoutingView}, supervisor alerts into {@link AlertFeed}. (Customer
 * cards come from PostgreSQL, not from a topic: see {@code screenpop}.)
 *
 * <p>No consumer group: every instance reads every partition. On start it rewinds by time so it
 * does not begin blind: assignments and alerts by {@code lookback} (pending offers and recent
 * alerts reappear), status by the same (the job re-publishes each tenant's snapshot at least every
 * heartbeat). Topics that do not exist yet are looked for again every few seconds. A record that is
 * not a valid event is skipped; it goes to the dead-letter topic when this service is the topic's
 * reporting reader ({@link Topics#ROUTING_ASSIGNMENTS}, {@link Topics#ROUTING_STATUS}), and is
 * reported by the routing job otherwise.
 */
public final class RoutingFeeds implements AutoCloseable {
    public static final String COMPONENT = Components.ROUTING_SERVICE;
    private static final Logger LOG = LoggerFactory.getLogger(RoutingFeeds.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long RESCAN_MILLIS = 5_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventPublisher deadLetters;
    private final Duration lookback;
    private final Map<String, Consumer<ConsumerRecord<String, byte[]>>> handlers = new HashMap<>();
    private final Set<String> assignedTopics = new HashSet<>();
    private final Thread thread;

    /** The topics the feeds read, for the registry's check that each has one reporting reader. */
    public static final List<Topic<?>> INPUTS =
            List.of(Topics.ROUTING_ASSIGNMENTS, Topics.ROUTING_STATUS, Topics.SUPERVISOR_ALERTS);

    private volatile boolean running = true;
    private volatile boolean ready;

    public RoutingFeeds(
            String bootstrapServers,
            RoutingView view,
            AlertFeed alerts,
            EventPublisher deadLetters,
            Duration lookback) {
        this.consumer = new KafkaConsumer<>(config(bootstrapServers));
        this.deadLetters = deadLetters;
        this.lookback = lookback;
        handlers.put(
                Topics.ROUTING_ASSIGNMENTS.name(),
                r -> decode(Topics.ROUTING_ASSIGNMENTS, r, view::apply));
        handlers.put(
                Topics.ROUTING_STATUS.name(), r -> decode(Topics.ROUTING_STATUS, r, view::apply));
        handlers.put(
                Topics.SUPERVISOR_ALERTS.name(),
                r -> decode(Topics.SUPERVISOR_ALERTS, r, alerts::apply));
        this.thread = new Thread(this::run, "routing-feeds");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** True once every topic is assigned and positioned. */
    public boolean ready() {
        return ready;
    }

    private void run() {
        long nextScan = 0;
        try {
            while (running) {
                if (!ready && System.currentTimeMillis() >= nextScan) {
                    assignNewTopics();
                    nextScan = System.currentTimeMillis() + RESCAN_MILLIS;
                }
                if (consumer.assignment().isEmpty()) {
                    // Nothing to poll yet; wait for the next scan without spinning.
                    synchronized (this) {
                        wait(RESCAN_MILLIS);
                    }
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    handlers.get(record.topic()).accept(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("Routing feeds woken unexpectedly", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Routing feeds stopped", e);
        } finally {
            consumer.close();
        }
    }

    private void assignNewTopics() {
        List<TopicPartition> all = new ArrayList<>(consumer.assignment());
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : handlers.keySet()) {
            if (assignedTopics.contains(topic)) {
                continue;
            }
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                continue;
            }
            assignedTopics.add(topic);
            for (PartitionInfo info : infos) {
                added.add(new TopicPartition(topic, info.partition()));
            }
        }
        if (added.isEmpty()) {
            return;
        }
        all.addAll(added);
        consumer.assign(all);
        position(added);
        ready = assignedTopics.size() == handlers.size();
        LOG.info("Routing feeds reading {} (all topics: {})", assignedTopics, ready);
    }

    private void position(List<TopicPartition> partitions) {
        long since = System.currentTimeMillis() - lookback.toMillis();
        Map<TopicPartition, Long> byTime = new HashMap<>();
        for (TopicPartition tp : partitions) {
            byTime.put(tp, since);
        }
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(byTime);
        List<TopicPartition> toEnd = new ArrayList<>();
        for (TopicPartition tp : byTime.keySet()) {
            OffsetAndTimestamp at = offsets.get(tp);
            if (at == null) {
                toEnd.add(tp);
            } else {
                consumer.seek(tp, at.offset());
            }
        }
        if (!toEnd.isEmpty()) {
            consumer.seekToEnd(toEnd);
        }
    }

    private <T> void decode(
            Topic<T> topic, ConsumerRecord<String, byte[]> record, Consumer<T> target) {
        T value;
        try {
            value = topic.serde().deserialize(record.value());
        } catch (InvalidEventException e) {
            if (topic.reportsRejectsOf(COMPONENT)) {
                reject(record, e.getMessage());
            } else {
                // Another reader of this topic (Topic#rejectsReportedBy) dead-letters it.
                LOG.warn(
                        "Skipped {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.getMessage());
            }
            return;
        }
        try {
            target.accept(value);
        } catch (RuntimeException e) {
            // A listener's failure (e.g. a closed stream) must not stop the feeds.
            LOG.warn("Applying {} from {} failed", value, topic.name(), e);
        }
    }

    private void reject(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warn(
                "Rejected {}-{}@{}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                reason);
        deadLetters.publishDeadLetter(
                DeadLetter.fromKafka(
                        reason,
                        COMPONENT,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.value(),
                        System.currentTimeMillis()));
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
        conf.put(ConsumerConfig.CLIENT_ID_CONFIG, COMPONENT + "-feeds");
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
