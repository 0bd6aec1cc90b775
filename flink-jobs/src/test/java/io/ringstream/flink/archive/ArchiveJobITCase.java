package io.ringstream.flink.archive;

import static io.ringstream.testkit.TestEvents.T0;
import static io.ringstream.testkit.TestEvents.answered;
import static io.ringstream.testkit.TestEvents.ended;
import static io.ringstream.testkit.TestEvents.queued;
import static io.ringstream.testkit.TestEvents.talkEnded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.clickhouse.Table;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The archive end to end: Kafka topics in; raw rows stored once, dead letters reported and every
 * component's dead letters copied into ClickHouse out.
 */
class ArchiveJobITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    // Every test gets its own tenant: topics and tables are shared with other tests.
    private final String tenant = "it-" + UUID.randomUUID();
    private JobClient job;

    @BeforeEach
    void startJob() throws Exception {
        KAFKA.mark();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job =
                ArchiveJob.DEFINITION.startLocal(
                        ArchiveJob.DEFINITION
                                .defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                                .withConsumerGroup("it-" + tenant)
                                .withCheckpointInterval(Duration.ofSeconds(2))
                                .withSinkTuning(new SinkTuning(500, Duration.ofMillis(200), 3)),
                        env);
    }

    @AfterEach
    void cancelJob() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
    }

    @Test
    void everyEventIsStoredOnceAsPublished() {
        List<ContactEvent> contacts =
                List.of(
                        queued(tenant, "c1", "sales", T0),
                        answered(tenant, "c1", "sales", T0 + 25_000, 25_000L),
                        talkEnded(tenant, "c1", T0 + 85_000, 60_000),
                        ended(tenant, "c1", T0 + 86_000));
        contacts.forEach(e -> KAFKA.produce(Topics.CONTACT_EVENTS, e));
        // A producer retry: the same event again.
        KAFKA.produce(Topics.CONTACT_EVENTS, contacts.get(1));
        List<AgentEvent> agents =
                List.of(
                        TestEvents.agent(tenant, "a1", AgentEventType.LOGGED_IN, T0),
                        TestEvents.agent(tenant, "a1", AgentEventType.READY, T0 + 1_000));
        agents.forEach(e -> KAFKA.produce(Topics.AGENT_EVENTS, e));

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            assertThat(rows(Table.CONTACT_EVENTS)).isEqualTo(contacts.size());
                            assertThat(rows(Table.AGENT_EVENTS)).isEqualTo(agents.size());
                        });
        assertThat(
                        CLICKHOUSE.query(
                                "SELECT wait_ms, agent_id, attributes FROM "
                                        + Table.CONTACT_EVENTS.qualifiedName()
                                        + " FINAL WHERE tenant = '"
                                        + tenant
                                        + "' AND type = 'ANSWERED'"))
                .containsExactly(List.of("25000", "agent-1", "{}"));
    }

    @Test
    void badRecordsBecomeOneDeadLetterEachAndEveryDeadLetterIsArchived() {
        byte[] malformed = "{\"type\": \"QUEUED\", ".getBytes(StandardCharsets.UTF_8);
        String invalid =
                Topics.CONTACT_EVENTS
                        .serde()
                        .toJson(answered(tenant, "bad", "sales", T0, 1_000L))
                        .replace("\"agentId\":\"agent-1\",", "");
        RecordMetadata m1 = KAFKA.produceRaw(Topics.CONTACT_EVENTS.name(), "bad", malformed);
        RecordMetadata m2 =
                KAFKA.produceRaw(
                        Topics.CONTACT_EVENTS.name(),
                        "bad",
                        invalid.getBytes(StandardCharsets.UTF_8));
        RecordMetadata m3 =
                KAFKA.produceRaw(Topics.AGENT_EVENTS.name(), "a1", "not json".getBytes());
        // Another component's reject, as the bridge or routing-service publishes it.
        DeadLetter fromBridge =
                DeadLetter.fromFrame(
                        "frame without Uniqueid " + tenant,
                        Components.BRIDGE,
                        DeadLetter.Origin.AMI,
                        "Event: QueueCallerJoin",
                        T0);
        KAFKA.produce(Topics.DEAD_LETTERS, fromBridge);
        // Valid input after the bad records.
        KAFKA.produce(Topics.CONTACT_EVENTS, queued(tenant, "good", "sales", T0));

        List<DeadLetter> letters =
                KAFKA.awaitRecords(
                        Topics.DEAD_LETTERS,
                        dl -> matches(dl, m1) || matches(dl, m2) || matches(dl, m3),
                        3,
                        TIMEOUT);
        DeadLetter first = only(letters, m1);
        assertThat(first.reason()).startsWith("malformed ContactEvent");
        assertThat(first.component()).isEqualTo(Components.ARCHIVE_JOB);
        assertThat(first.origin()).isEqualTo(DeadLetter.Origin.KAFKA);
        assertThat(first.payload()).isEqualTo(new String(malformed, StandardCharsets.UTF_8));
        assertThat(only(letters, m2).reason())
                .isEqualTo("invalid ContactEvent: agentId is required");
        assertThat(only(letters, m3).reason()).startsWith("malformed AgentEvent");
        // A malformed record on the dead-letter topic itself: archived, never re-published.
        RecordMetadata m4 =
                KAFKA.produceRaw(Topics.DEAD_LETTERS.name(), "x", ("{" + tenant).getBytes());

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            assertThat(archived(m1)).containsExactly(first.reason());
                            assertThat(archived(m2)).hasSize(1);
                            assertThat(archived(m3)).hasSize(1);
                            assertThat(archived(m4))
                                    .singleElement()
                                    .asString()
                                    .startsWith("malformed DeadLetter");
                            assertThat(
                                            CLICKHOUSE.query(
                                                    "SELECT component, origin FROM "
                                                            + Table.DEAD_LETTERS.qualifiedName()
                                                            + " WHERE reason = '"
                                                            + fromBridge.reason()
                                                            + "'"))
                                    .containsExactly(List.of(Components.BRIDGE, "AMI"));
                            assertThat(rows(Table.CONTACT_EVENTS)).isEqualTo(1);
                        });
        assertThat(KAFKA.readRawSinceMark(Topics.DEAD_LETTERS.name(), TIMEOUT))
                .as("the malformed dead letter is not sent back to its topic")
                .noneMatch(
                        record -> {
                            String json = new String(record.value(), StandardCharsets.UTF_8);
                            return json.contains("\"topic\":\"" + m4.topic() + "\"")
                                    && json.contains("\"offset\":" + m4.offset() + ",");
                        });
    }

    private long rows(Table table) {
        return CLICKHOUSE.queryLong(
                "SELECT count() FROM "
                        + table.qualifiedName()
                        + " FINAL WHERE tenant = '"
                        + tenant
                        + "'");
    }

    /** Reasons of the archived dead letters of one record. */
    private static List<String> archived(RecordMetadata m) {
        return CLICKHOUSE
                .query(
                        "SELECT reason FROM "
                                + Table.DEAD_LETTERS.qualifiedName()
                                + " WHERE topic = '"
                                + m.topic()
                                + "' AND partition = "
                                + m.partition()
                                + " AND offset = "
                                + m.offset())
                .stream()
                .map(row -> row.get(0))
                .toList();
    }

    private static boolean matches(DeadLetter dl, RecordMetadata m) {
        return m.topic().equals(dl.topic())
                && dl.partition() != null
                && m.partition() == dl.partition()
                && dl.offset() != null
                && m.offset() == dl.offset();
    }

    private static DeadLetter only(List<DeadLetter> letters, RecordMetadata m) {
        List<DeadLetter> found = letters.stream().filter(dl -> matches(dl, m)).toList();
        assertThat(found).as("dead letters for " + m).hasSize(1);
        return found.get(0);
    }
}
