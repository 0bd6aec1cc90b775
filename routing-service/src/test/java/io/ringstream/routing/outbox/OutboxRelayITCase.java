package io.ringstream.routing.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.EmbeddedKafkaBroker;
import io.ringstream.kafka.TopicInstaller;
import io.ringstream.kafka.TopicReader;
import io.ringstream.routing.config.KafkaProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox survives a Kafka outage without loss or reordering: changes committed while the broker
 * is down wait in PostgreSQL, and once the broker is back on the same address every event arrives,
 * each customer's in version order and each partition's in outbox id order. Repeats are allowed
 * (at-least-once) and carry the same eventId, so they are told apart by it.
 *
 * <p>A broker of its own (not the shared one), on a fixed port and log directory, so it can be
 * stopped and started again where the relay looks for it.
 */
class OutboxRelayITCase {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TENANT = "acme";

    @TempDir static Path kafkaDir;
    private static int port;
    private static EmbeddedKafkaBroker broker;
    private static ApplicationContext context;

    private final Random random = new Random(10);
    private final Map<String, Long> versions = new HashMap<>();
    private long sequence;

    @BeforeAll
    static void start() throws IOException {
        port = freePort();
        broker = EmbeddedKafkaBroker.start(kafkaDir, port);
        TopicInstaller.install(broker.bootstrapServers(), Topics.ALL);
        context =
                ApplicationContext.run(
                        Map.of(
                                KafkaProperties.BOOTSTRAP,
                                broker.bootstrapServers(),
                                "ringstream.outbox.poll-interval",
                                "50ms",
                                "ringstream.outbox.batch-size",
                                "7",
                                "ringstream.outbox.send-timeout",
                                "2s",
                                "ringstream.outbox.min-backoff",
                                "50ms",
                                "ringstream.outbox.max-backoff",
                                "500ms"));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void changesCommittedWhileKafkaIsDownArriveAllInOrderOnceItIsBack() {
        OutboxRelay relay = context.getBean(OutboxRelay.class);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            customers.add(UUID.randomUUID().toString());
        }
        List<CustomerChange> written = new ArrayList<>();
        // Kafka up: the relay publishes and empties the outbox.
        for (int i = 0; i < 10; i++) {
            written.add(appendChangeOf(customers.get(random.nextInt(customers.size()))));
        }
        await().atMost(TIMEOUT).until(() -> outboxRows() == 0);

        broker.close();
        long failuresBefore = relay.failures();
        for (int i = 0; i < 60; i++) {
            written.add(appendChangeOf(customers.get(random.nextInt(customers.size()))));
        }
        // The relay tried, Kafka did not acknowledge, and every row is still there.
        await().atMost(TIMEOUT).until(() -> relay.failures() > failuresBefore + 1);
        assertThat(outboxRows()).isEqualTo(60);

        broker = EmbeddedKafkaBroker.start(kafkaDir, port);
        for (int i = 0; i < 10; i++) {
            written.add(appendChangeOf(customers.get(random.nextInt(customers.size()))));
        }
        await().atMost(TIMEOUT).until(() -> outboxRows() == 0);

        List<ConsumerRecord<String, byte[]>> records =
                TopicReader.readAllRaw(
                        broker.bootstrapServers(), Topics.CUSTOMER_CHANGES.name(), TIMEOUT);
        assertNothingLostAndInOrder(written, records);
    }

    @Test
    void onlyOneInstanceRelaysAndAnotherTakesOverWhenItStops() {
        OutboxRelay first = context.getBean(OutboxRelay.class);
        await().atMost(TIMEOUT).until(first::leading);
        OutboxRelay second =
                new OutboxRelay(
                        context.getBean(DataSource.class),
                        context.getBean(KafkaProperties.class),
                        context.getBean(OutboxProperties.class));
        try {
            second.start();
            String customer = UUID.randomUUID().toString();
            appendChangeOf(customer);
            await().atMost(TIMEOUT).until(() -> outboxRows() == 0);
            assertThat(second.leading()).isFalse();
            assertThat(second.published()).isZero();

            // A standby instance: the lock is free once the relay's session gives it up.
            first.close();
            await().atMost(TIMEOUT).until(second::leading);
            appendChangeOf(customer);
            await().atMost(TIMEOUT).until(() -> outboxRows() == 0);
            assertThat(second.published()).isEqualTo(1);
        } finally {
            second.close();
        }
    }

    /**
     * Every written event arrived; per customer the first copies come in version order; per
     * partition in write order; repeats are copies of an event already seen (same eventId).
     */
    private static void assertNothingLostAndInOrder(
            List<CustomerChange> written, List<ConsumerRecord<String, byte[]>> records) {
        Map<String, CustomerChange> seen = new LinkedHashMap<>();
        Map<String, List<Long>> versionsPerCustomer = new LinkedHashMap<>();
        Map<Integer, List<Long>> writeOrderPerPartition = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            CustomerChange change = TopicReader.decode(Topics.CUSTOMER_CHANGES, record);
            assertThat(record.key()).isEqualTo(change.customerId());
            CustomerChange earlier = seen.putIfAbsent(change.eventId(), change);
            if (earlier != null) {
                // At least once: a repeat is allowed, and it is the same event.
                assertThat(change).isEqualTo(earlier);
                continue;
            }
            versionsPerCustomer
                    .computeIfAbsent(change.customerId(), k -> new ArrayList<>())
                    .add(change.version());
            writeOrderPerPartition
                    .computeIfAbsent(record.partition(), k -> new ArrayList<>())
                    .add(change.eventTime());
        }
        Set<String> expected = new LinkedHashSet<>();
        written.forEach(change -> expected.add(change.eventId()));
        assertThat(seen.keySet()).as("no loss, nothing foreign").isEqualTo(expected);
        versionsPerCustomer.forEach(
                (customer, versions) ->
                        assertThat(versions).as(customer).isSorted().doesNotHaveDuplicates());
        writeOrderPerPartition.forEach(
                (partition, order) -> assertThat(order).as("partition " + partition).isSorted());
    }

    /**
     * Appends a customer's next change in a transaction of its own; the write order is its time.
     */
    private CustomerChange appendChangeOf(String customerId) {
        long version = versions.merge(customerId, 1L, Long::sum);
        long at = 1_700_000_000_000L + sequence++;
        CustomerChangeType type =
                version == 1 ? CustomerChangeType.CREATED : CustomerChangeType.UPDATED;
        CustomerChange change =
                new CustomerChange(
                        1,
                        CustomerChange.idOf(TENANT, customerId, version, type),
                        type,
                        TENANT,
                        customerId,
                        at,
                        "routing-service",
                        version,
                        "Customer " + version,
                        null,
                        null,
                        null,
                        Map.of(),
                        List.of(),
                        Map.of(),
                        List.of(),
                        null,
                        "agent-1",
                        1_700_000_000_000L);
        Outbox outbox = context.getBean(Outbox.class);
        transactions()
                .executeWrite(
                        status -> {
                            outbox.append(Topics.CUSTOMER_CHANGES, change);
                            return null;
                        });
        return change;
    }

    @SuppressWarnings("unchecked")
    private static TransactionOperations<Connection> transactions() {
        return context.getBean(TransactionOperations.class);
    }

    private static long outboxRows() {
        JdbcOperations jdbc = context.getBean(JdbcOperations.class);
        return transactions()
                .executeRead(
                        status ->
                                jdbc.prepareStatement(
                                        "SELECT count(*) FROM outbox",
                                        statement -> {
                                            try (var rows = statement.executeQuery()) {
                                                rows.next();
                                                return rows.getLong(1);
                                            }
                                        }));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("localhost", 0));
            return socket.getLocalPort();
        }
    }
}
