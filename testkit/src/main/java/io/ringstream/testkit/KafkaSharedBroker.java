package io.ringstream.testkit;

import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.EmbeddedKafkaBroker;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.kafka.TopicInstaller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one broker a test JVM shares, with its temp directory, a publisher and an admin client; JUnit
 * closes it after the last test because it lives in the root extension store.
 */
// AutoCloseable too: JUnit 5.13+ prefers it (and warns about CloseableResource alone), while the
// project's JUnit 5.11 only knows CloseableResource. JUnit calls close() once either way.
final class KafkaSharedBroker implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private final Path dir;
    private final EmbeddedKafkaBroker broker;
    private final EventPublisher publisher;
    private final Admin admin;

    private KafkaSharedBroker(
            Path dir, EmbeddedKafkaBroker broker, EventPublisher publisher, Admin admin) {
        this.dir = dir;
        this.broker = broker;
        this.publisher = publisher;
        this.admin = admin;
    }

    static KafkaSharedBroker start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("ringstream-kafka-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
        TopicInstaller.install(broker.bootstrapServers(), Topics.ALL);
        EventPublisher publisher =
                EventPublisher.create(
                        broker.bootstrapServers(), Map.of("client.id", "testkit-publisher"));
        Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                broker.bootstrapServers()));
        return new KafkaSharedBroker(dir, broker, publisher, admin);
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    EventPublisher publisher() {
        return publisher;
    }

    /**
     * Log end offsets (including uncommitted transactional records) of every non-internal topic, so
     * a mark never lets an earlier open transaction's records leak into a later test.
     */
    Map<String, Map<Integer, Long>> endOffsetsOfAllTopics() {
        try {
            Set<String> names =
                    admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (names.isEmpty()) {
                return Map.of();
            }
            Map<String, TopicDescription> described =
                    admin.describeTopics(names)
                            .allTopicNames()
                            .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request =
                    described.values().stream()
                            .flatMap(
                                    d ->
                                            d.partitions().stream()
                                                    .map(
                                                            p ->
                                                                    new TopicPartition(
                                                                            d.name(),
                                                                            p.partition())))
                            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> offsets =
                    admin.listOffsets(request).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Map<Integer, Long>> result = new HashMap<>();
            offsets.forEach(
                    (tp, info) ->
                            result.computeIfAbsent(tp.topic(), t -> new HashMap<>())
                                    .put(tp.partition(), info.offset()));
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading end offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read end offsets", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            publisher.close();
            admin.close();
        } finally {
            broker.close();
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
