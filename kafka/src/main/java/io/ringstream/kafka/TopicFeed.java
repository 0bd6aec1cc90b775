package io.ringstream.kafka;

import io.ringstream.events.DeadLetter;
import io.ringstream.events.serde.InvalidEventException;
import io.ringstream.events.topics.Topic;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a service's in-memory state from topics on one daemon thread, the way every Ringstream
 * service that keeps a live view reads: no consumer group (every instance reads every partition),
 * starting {@code lookback} before now so it does not begin blind ({@link LookbackAssignment}),
 * topics that do not exist yet looked for again every {@code rescan}. Each record is decoded and
 * handed to its topic's target. A record that is not a valid event is dead-lettered when the
 * component is the topic's reporting reader ({@link Topic#reportsRejectsOf}) and dead letters are
 * given, else skipped and logged (the reporting reader dead-letters it). A target's failure is
 * logged and never stops the feed.
 */
public final class TopicFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String component;
    private final String name;
    private final Map<String, Reading<?>> readings;
    private final Optional<EventPublisher> deadLetters;
    private final Duration lookback;
    private final long rescanMillis;
    private final KafkaConsumer<String, byte[]> consumer;
    private final LookbackAssignment assignment;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean ready;

    private TopicFeed(Builder builder) {
        this.component = builder.component;
        this.name = builder.component + "-" + builder.purpose;
        this.readings = Map.copyOf(builder.readings);
        this.deadLetters = builder.deadLetters;
        this.lookback = builder.lookback;
        this.rescanMillis = builder.rescan.toMillis();
        this.consumer =
                GrouplessConsumer.open(
                        builder.bootstrapServers, Map.of(ConsumerConfig.CLIENT_ID_CONFIG, name));
        this.assignment = new LookbackAssignment(consumer, builder.readings.keySet(), lookback);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /**
     * A feed for {@code component}; {@code purpose} names its client id and thread ({@code
     * component-purpose}).
     */
    public static Builder builder(String component, String purpose, String bootstrapServers) {
        return new Builder(component, purpose, bootstrapServers);
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
                    nextScan = System.currentTimeMillis() + rescanMillis;
                }
                if (consumer.assignment().isEmpty()) {
                    // Nothing to poll yet; wait for the next scan without spinning.
                    synchronized (this) {
                        wait(rescanMillis);
                    }
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    decode(readings.get(record.topic()), record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("{} woken unexpectedly", name, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{} stopped", name, e);
        } finally {
            consumer.close();
        }
    }

    private void assignNewTopics() {
        int before = consumer.assignment().size();
        boolean all = assignment.assignNewTopics();
        if (consumer.assignment().size() > before) {
            LOG.info(
                    "{} reading {} from {} ago (all topics: {})",
                    name,
                    assignment.assignedTopics(),
                    lookback,
                    all);
        }
        ready = all;
    }

    private <T> void decode(Reading<T> reading, ConsumerRecord<String, byte[]> record) {
        Topic<T> topic = reading.topic();
        T value;
        try {
            value = topic.serde().deserialize(record.value());
        } catch (InvalidEventException e) {
            invalid(topic, record, e.getMessage());
            return;
        }
        try {
            reading.target().accept(value);
        } catch (RuntimeException e) {
            // A target's failure (e.g. a closed stream) must not stop the feed.
            LOG.warn("Applying {} from {} failed", value, topic.name(), e);
        }
    }

    private void invalid(Topic<?> topic, ConsumerRecord<String, byte[]> record, String reason) {
        if (deadLetters.isEmpty() || !topic.reportsRejectsOf(component)) {
            // Another reader of this topic (Topic#rejectsReportedBy) dead-letters it.
            LOG.warn(
                    "Skipped {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    reason);
            return;
        }
        LOG.warn(
                "Rejected {}-{}@{}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                reason);
        deadLetters
                .get()
                .publishDeadLetter(
                        DeadLetter.fromKafka(
                                reason,
                                component,
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                record.value(),
                                System.currentTimeMillis()));
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

    /** The topics a feed reads and how; set once, before the feed exists. */
    public static final class Builder {
        private final String component;
        private final String purpose;
        private final String bootstrapServers;
        private final Map<String, Reading<?>> readings = new LinkedHashMap<>();
        private Optional<EventPublisher> deadLetters = Optional.empty();
        private Duration lookback = Duration.ZERO;
        private Duration rescan = Duration.ofSeconds(5);

        private Builder(String component, String purpose, String bootstrapServers) {
            this.component = component;
            this.purpose = purpose;
            this.bootstrapServers = bootstrapServers;
        }

        /** Hands every valid record of {@code topic} to {@code target}, on the feed's thread. */
        public <T> Builder read(Topic<T> topic, Consumer<T> target) {
            readings.put(topic.name(), new Reading<>(topic, target));
            return this;
        }

        /** How far before now each partition starts; default zero (from the end). */
        public Builder lookback(Duration lookback) {
            this.lookback = lookback;
            return this;
        }

        /** How often topics that do not exist yet are looked for; default 5 s. */
        public Builder rescan(Duration rescan) {
            this.rescan = rescan;
            return this;
        }

        /** Where invalid records of the topics this component reports go. */
        public Builder deadLetters(EventPublisher deadLetters) {
            this.deadLetters = Optional.of(deadLetters);
            return this;
        }

        public TopicFeed build() {
            return new TopicFeed(this);
        }
    }

    /** One topic the feed reads and where its events go. */
    private record Reading<T>(Topic<T> topic, Consumer<T> target) {}
}
