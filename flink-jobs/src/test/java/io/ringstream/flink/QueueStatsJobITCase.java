package io.ringstream.flink;

import static io.ringstream.flink.StatsRows.expected;
import static io.ringstream.testkit.TestEvents.T0;
import static io.ringstream.testkit.TestEvents.abandoned;
import static io.ringstream.testkit.TestEvents.answered;
import static io.ringstream.testkit.TestEvents.arrived;
import static io.ringstream.testkit.TestEvents.ended;
import static io.ringstream.testkit.TestEvents.queued;
import static io.ringstream.testkit.TestEvents.talkEnded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.clickhouse.Table;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.kafka.DecodingDeserializer;
import io.ringstream.flink.stats.ServiceLevelThresholds;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The production pipeline end to end: Kafka topics in, ClickHouse tables and dead letters out. */
class QueueStatsJobITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long MIN = 60_000;

    // Every test gets its own tenant: topics and tables are shared with other tests.
    private final String tenant = "it-" + UUID.randomUUID();
    private JobClient job;

    @BeforeEach
    void startJob() throws Exception {
        JobConfig config =
                JobConfig.defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                        .withConsumerGroup("it-" + tenant)
                        .withThresholds(ServiceLevelThresholds.parse("sales=20,support=30"))
                        .withStatsEmitInterval(Duration.ofMillis(500))
                        .withCheckpointInterval(Duration.ofSeconds(2))
                        .withSinkTuning(new SinkTuning(500, Duration.ofMillis(200), 3));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job = QueueStatsJob.startLocal(config, env);
    }

    @AfterEach
    void cancelJob() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
    }

    private void produce(ContactEvent e) {
        KAFKA.produce(Topics.CONTACT_EVENTS, e);
    }

    @Test
    void eventsBecomeRawRowsAndLiveIntervalStats() {
        List<ContactEvent> events = new ArrayList<>();
        // sales: answered within 20 s, answered after 25 s, abandoned, still waiting.
        life(events, "c1", "sales", T0 + MIN, 10_000, 60_000);
        life(events, "c2", "sales", T0 + 2 * MIN, 25_000, 30_000);
        events.add(arrived(tenant, "c3", T0 + 3 * MIN - 1_000));
        events.add(queued(tenant, "c3", "sales", T0 + 3 * MIN));
        events.add(abandoned(tenant, "c3", "sales", T0 + 3 * MIN + 40_000, 40_000));
        events.add(ended(tenant, "c3", T0 + 3 * MIN + 40_000));
        events.add(queued(tenant, "c4", "sales", T0 + 4 * MIN));
        // support: answered within its 30 s threshold.
        life(events, "c5", "support", T0 + MIN, 25_000, 120_000);
        // Answered in sales, transferred to support, abandoned there.
        events.add(queued(tenant, "c6", "sales", T0 + 5 * MIN));
        events.add(answered(tenant, "c6", "sales", T0 + 5 * MIN + 5_000, 5_000L));
        events.add(talkEnded(tenant, "c6", T0 + 5 * MIN + 25_000, 20_000));
        events.add(
                TestEvents.contact(
                                tenant, "c6", ContactEventType.TRANSFERRED, T0 + 5 * MIN + 25_000)
                        .attributes(Map.of("targetQueue", "support"))
                        .build());
        events.add(queued(tenant, "c6", "support", T0 + 6 * MIN));
        events.add(abandoned(tenant, "c6", "support", T0 + 6 * MIN + 50_000, 50_000));
        events.forEach(this::produce);
        // A producer retry: the same event again.
        produce(events.get(1));

        List<AgentEvent> agentEvents =
                List.of(
                        TestEvents.agent(tenant, "a1", AgentEventType.LOGGED_IN, T0),
                        TestEvents.agent(tenant, "a1", AgentEventType.READY, T0 + 1_000),
                        TestEvents.agent(tenant, "a2", AgentEventType.NOT_READY, T0 + 2_000));
        agentEvents.forEach(e -> KAFKA.produce(Topics.AGENT_EVENTS, e));

        // No event reaches the end of the interval, so event time never closes it: the rows below
        // can only come from the live emission.
        assertThat(events).allMatch(e -> e.eventTime() < T0 + 15 * MIN);
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            assertThat(StatsRows.interval(CLICKHOUSE, tenant, "sales", T0))
                                    .isEqualTo(expected(5, 3, 1, 2, 40_000, 110_000, 20, 15));
                            assertThat(StatsRows.interval(CLICKHOUSE, tenant, "support", T0))
                                    .isEqualTo(expected(2, 1, 1, 1, 25_000, 120_000, 30, 15));
                        });
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            assertThat(
                                            StatsRows.rawCount(
                                                    CLICKHOUSE,
                                                    Table.CONTACT_EVENTS.qualifiedName(),
                                                    tenant))
                                    .isEqualTo(events.size());
                            assertThat(
                                            StatsRows.rawCount(
                                                    CLICKHOUSE,
                                                    Table.AGENT_EVENTS.qualifiedName(),
                                                    tenant))
                                    .isEqualTo(agentEvents.size());
                        });
        Map<String, Long> sales = StatsRows.interval(CLICKHOUSE, tenant, "sales", T0);
        assertThat(sales.get("offered") - sales.get("answered") - sales.get("abandoned"))
                .as("still waiting: c4")
                .isEqualTo(1);
        assertThat(
                        CLICKHOUSE.query(
                                "SELECT wait_ms, agent_id, attributes FROM "
                                        + Table.CONTACT_EVENTS.qualifiedName()
                                        + " FINAL WHERE tenant = '"
                                        + tenant
                                        + "' AND contact_id = 'c5' AND type = 'ANSWERED'"))
                .containsExactly(List.of("25000", "agent-1", "{}"));
    }

    private void life(
            List<ContactEvent> events, String id, String queue, long at, long wait, long talk) {
        events.add(queued(tenant, id, queue, at));
        events.add(answered(tenant, id, queue, at + wait, wait));
        events.add(talkEnded(tenant, id, at + wait + talk, talk));
        events.add(ended(tenant, id, at + wait + talk + 1_000));
    }

    @Test
    void badRecordsBecomeDeadLettersAndTheJobKeepsProcessing() {
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
        // Valid input after the bad records.
        produce(queued(tenant, "good", "sales", T0 + MIN));

        List<DeadLetter> letters =
                KAFKA.awaitRecords(
                        Topics.DEAD_LETTERS,
                        dl -> matches(dl, m1) || matches(dl, m2) || matches(dl, m3),
                        3,
                        TIMEOUT);

        DeadLetter first = only(letters, m1);
        assertThat(first.reason()).startsWith("malformed ContactEvent");
        assertThat(first.component()).isEqualTo(DecodingDeserializer.COMPONENT);
        assertThat(first.origin()).isEqualTo(DeadLetter.Origin.KAFKA);
        assertThat(first.payload()).isEqualTo(new String(malformed, StandardCharsets.UTF_8));
        DeadLetter second = only(letters, m2);
        assertThat(second.reason()).isEqualTo("invalid ContactEvent: agentId is required");
        assertThat(second.payload()).isEqualTo(invalid);
        assertThat(only(letters, m3).reason()).startsWith("malformed AgentEvent");

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(StatsRows.interval(CLICKHOUSE, tenant, "sales", T0))
                                        .containsEntry("offered", 1L));
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                CLICKHOUSE.query(
                                                        "SELECT reason FROM "
                                                                + Table.DEAD_LETTERS.qualifiedName()
                                                                + " WHERE topic = '"
                                                                + m2.topic()
                                                                + "' AND partition = "
                                                                + m2.partition()
                                                                + " AND offset = "
                                                                + m2.offset()))
                                        .isNotEmpty()
                                        .allMatch(r -> r.get(0).equals(second.reason())));
    }

    private static boolean matches(DeadLetter dl, RecordMetadata m) {
        return m.topic().equals(dl.topic())
                && m.partition() == dl.partition()
                && m.offset() == dl.offset();
    }

    private static DeadLetter only(List<DeadLetter> letters, RecordMetadata m) {
        List<DeadLetter> found = letters.stream().filter(dl -> matches(dl, m)).toList();
        assertThat(found).as("dead letters for " + m).hasSize(1);
        return found.get(0);
    }
}
