package io.ringstream.testkit;

import io.ringstream.events.topics.Topic;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.kafka.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a real Kafka broker with the registry's topics installed. One broker
 * serves the whole test JVM (started on first use, stopped when JUnit closes its root store),
 * because starting a broker per class would dominate CI time.
 *
 * <p>Register it as a static field: {@code @RegisterExtension static final KafkaExtension KAFKA =
 * new KafkaExtension();}, or with {@code @ExtendWith} and take a {@code KafkaExtension} test-method
 * parameter.
 *
 * <p><b>Isolation.</b> Tests share the broker and its topics. Before each test (and before all of a
 * class) the extension marks the current end of every topic; {@code await*} methods only return
 * records written after the latest mark. Call {@link #mark()} again inside a test to ignore what
 * the test wrote so far. Topics created after the mark are read from their beginning. Records still
 * arriving from an earlier test's running job are not excluded: use unique contact or agent ids and
 * the filtering {@link #awaitRecords(Topic, Predicate, int, Duration)} where that matters.
 */
public final class KafkaExtension
        implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaExtension.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long PRODUCE_TIMEOUT_SECONDS = 30;

    private volatile KafkaSharedBroker kafka;
    // Topic name -> partition -> first offset a test may see. Replaced wholesale on mark().
    private volatile Map<String, Map<Integer, Long>> marks = new ConcurrentHashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka =
                context.getRoot()
                        .getStore(NAMESPACE)
                        .getOrComputeIfAbsent(
                                KafkaSharedBroker.class,
                                k -> KafkaSharedBroker.start(),
                                KafkaSharedBroker.class);
        mark();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (kafka == null) {
            // Registered as an instance field: beforeAll did not run for it.
            beforeAll(context);
        } else {
            mark();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaExtension.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (kafka == null) {
            beforeAll(context);
        }
        return this;
    }

    public String bootstrapServers() {
        return shared().bootstrapServers();
    }

    /** A publisher shared by all tests in the JVM; do not close it. */
    public EventPublisher publisher() {
        return shared().publisher();
    }

    /** From now on, {@code await*} only returns records written after this call. */
    public void mark() {
        marks = new ConcurrentHashMap<>(shared().endOffsetsOfAllTopics());
    }

    /** Publishes through the registry's serde and key, and waits for the broker's ack. */
    public <T> RecordMetadata produce(Topic<T> topic, T value) {
        return await(publisher().publish(topic, value), topic.name());
    }

    /** Writes bytes as they are, e.g. malformed JSON for dead-letter tests; waits for the ack. */
    public RecordMetadata produceRaw(String topic, String key, byte[] value) {
        return await(publisher().publishRaw(topic, key, value), topic);
    }

    /**
     * Waits for at least {@code count} records on {@code topic} since the mark and returns them
     * decoded, in partition order (possibly more than {@code count} if they arrived together).
     *
     * @throws AssertionError if fewer arrive within {@code timeout}
     * @throws io.ringstream.events.serde.InvalidEventException if a record cannot be decoded; use
     *     {@link #awaitRawRecords} for topics that may hold malformed input
     */
    public <T> List<T> awaitRecords(Topic<T> topic, int count, Duration timeout) {
        return awaitRecords(topic, value -> true, count, timeout);
    }

    /** Like {@link #awaitRecords(Topic, int, Duration)}, counting only values that match. */
    public <T> List<T> awaitRecords(
            Topic<T> topic, Predicate<? super T> filter, int count, Duration timeout) {
        List<T> matching = new ArrayList<>();
        awaitOn(
                topic.name(),
                count,
                timeout,
                batch -> {
                    for (ConsumerRecord<String, byte[]> record : batch) {
                        T value = TopicReader.decode(topic, record);
                        if (filter.test(value)) {
                            matching.add(value);
                        }
                    }
                    return matching.size();
                });
        return matching;
    }

    /**
     * The offset a consumer group has committed on one partition (the next record it will read), or
     * -1 when it has committed none. Flink's Kafka source commits when a checkpoint completes,
     * after its sinks flushed: a job whose committed offset is past a record has written all it
     * will ever write for it.
     */
    public long committedOffset(String group, String topic, int partition) {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            OffsetAndMetadata committed =
                    admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get()
                            .get(new TopicPartition(topic, partition));
            return committed == null ? -1 : committed.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of group " + group, e);
        }
    }

    /** Every record of {@code topic} from the mark to its current end, undecoded. */
    public List<ConsumerRecord<String, byte[]>> readRawSinceMark(String topic, Duration timeout) {
        try (TopicReader reader =
                TopicReader.fromOffsets(
                        bootstrapServers(), topic, marks.getOrDefault(topic, Map.of()))) {
            return reader.readToEnd(timeout);
        }
    }

    /** Waits for at least {@code count} records on {@code topic} since the mark, undecoded. */
    public List<ConsumerRecord<String, byte[]>> awaitRawRecords(
            String topic, int count, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        awaitOn(
                topic,
                count,
                timeout,
                batch -> {
                    seen.addAll(batch);
                    return seen.size();
                });
        return seen;
    }

    private void awaitOn(String topic, int count, Duration timeout, BatchSink sink) {
        Map<Integer, Long> start = marks.getOrDefault(topic, Map.of());
        int[] seen = {0};
        // The consumer is not thread-safe: poll it on the test thread.
        try (TopicReader reader = TopicReader.fromOffsets(bootstrapServers(), topic, start)) {
            Awaitility.await("records on " + topic)
                    .atMost(timeout)
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(
                            () -> {
                                seen[0] = sink.accept(reader.poll(POLL));
                                return seen[0] >= count;
                            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "expected at least "
                            + count
                            + " records on "
                            + topic
                            + " within "
                            + timeout
                            + " but got "
                            + seen[0],
                    e);
        }
    }

    private KafkaSharedBroker shared() {
        KafkaSharedBroker current = kafka;
        if (current == null) {
            throw new IllegalStateException(
                    "KafkaExtension is not started: register it with @RegisterExtension");
        }
        return current;
    }

    private static RecordMetadata await(CompletableFuture<RecordMetadata> future, String topic) {
        try {
            return future.get(PRODUCE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted producing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    /** Receives each polled batch and answers how many records now count toward the target. */
    @FunctionalInterface
    private interface BatchSink {
        int accept(List<ConsumerRecord<String, byte[]>> batch);
    }
}
