package io.ringstream.kafka;

import io.ringstream.events.topics.Topic;
import io.ringstream.events.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the registry's topics with their partition counts and retention, so every start (local,
 * compose, tests) gets the same layout without a separate script. Safe to run any number of times.
 */
public final class TopicInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(TopicInstaller.class);
    private static final long TIMEOUT_MS = 60_000;

    private TopicInstaller() {}

    /**
     * Installs {@link Topics#ALL}; for containers and scripts that must create the topics before
     * producers start. Bootstrap servers come from the first argument, else from {@code
     * RINGSTREAM_KAFKA_BOOTSTRAP}, else {@code localhost:9092}.
     */
    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : System.getenv("RINGSTREAM_KAFKA_BOOTSTRAP");
        if (bootstrap == null || bootstrap.isBlank()) {
            bootstrap = "localhost:9092";
        }
        List<String> created = install(bootstrap, Topics.ALL);
        System.out.println("Topics created at " + bootstrap + ": " + created);
    }

    /**
     * Creates the topics that do not exist yet. Existing topics are left as they are: changing the
     * partition count of a live topic would move keys between partitions and break ordering.
     *
     * @return the names of the topics this call created
     */
    public static List<String> install(String bootstrapServers, List<Topic<?>> topics) {
        Map<String, Object> conf =
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        (int) TIMEOUT_MS);
        try (Admin admin = Admin.create(conf)) {
            Set<String> existing =
                    admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            List<String> created = new ArrayList<>();
            for (Topic<?> topic : topics) {
                if (existing.contains(topic.name())) {
                    continue;
                }
                if (create(admin, topic)) {
                    created.add(topic.name());
                }
            }
            if (!created.isEmpty()) {
                awaitServed(admin, created);
                LOG.info("Created topics {}", created);
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted installing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics at " + bootstrapServers, e);
        }
    }

    /**
     * The controller acknowledges a creation before the broker has applied it to its metadata, so a
     * producer, consumer or config lookup right after install can still be told "unknown topic".
     * Returning only once every partition has a leader makes install a real barrier.
     */
    private static void awaitServed(Admin admin, List<String> names)
            throws InterruptedException, TimeoutException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (true) {
            try {
                Map<String, TopicDescription> described =
                        admin.describeTopics(names)
                                .allTopicNames()
                                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                boolean led =
                        described.values().stream()
                                .flatMap(d -> d.partitions().stream())
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (led && described.size() == names.size()) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException(
                            "cannot describe topics " + names, e.getCause());
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new TimeoutException(
                        "topics not served within " + TIMEOUT_MS + " ms: " + names);
            }
            // Metadata propagation takes milliseconds; a short back-off keeps the admin client from
            // flooding the broker while it catches up.
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** Returns false when another process created it between our listing and our request. */
    private static boolean create(Admin admin, Topic<?> topic)
            throws InterruptedException, TimeoutException {
        // Replication factor is left to the broker's default.replication.factor, so the same
        // code serves the single-node broker and a real cluster.
        NewTopic request =
                new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty());
        if (topic.retention() != null) {
            request.configs(
                    Map.of(
                            TopicConfig.RETENTION_MS_CONFIG,
                            String.valueOf(topic.retention().toMillis())));
        }
        try {
            admin.createTopics(List.of(request)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
        }
    }
}
