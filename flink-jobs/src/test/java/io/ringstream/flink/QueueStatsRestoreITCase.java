package io.ringstream.flink;

import static io.ringstream.flink.StatsRows.expected;
import static io.ringstream.testkit.TestEvents.T0;
import static io.ringstream.testkit.TestEvents.abandoned;
import static io.ringstream.testkit.TestEvents.answered;
import static io.ringstream.testkit.TestEvents.ended;
import static io.ringstream.testkit.TestEvents.queued;
import static io.ringstream.testkit.TestEvents.talkEnded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.clickhouse.ClickHouseMigrator;
import io.ringstream.clickhouse.Table;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.topics.Topic;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.archive.ArchiveTables;
import io.ringstream.flink.kit.checkpoint.Checkpoints;
import io.ringstream.flink.kit.clickhouse.ClickHouseSink;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.kafka.KafkaConnectors;
import io.ringstream.flink.stats.QueueIntervalStatsTable;
import io.ringstream.kafka.TopicInstaller;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.TestEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop the job mid-stream, restart it from its retained checkpoint, and the tables must read
 * exactly as if it had never stopped: no duplicate rows under FINAL, exact counts.
 *
 * <p>Between the runs the first phase's records are deleted from the topics: a restarted job that
 * did not restore its state could not recount them, and its rows (with lower versions) would lose
 * against the first run's. Only a real restore gives the expected totals.
 */
class QueueStatsRestoreITCase {
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

    private final String tenant = "it-" + UUID.randomUUID();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    // Topics of this test only, so deleting their records affects nobody else.
    private final Topic<ContactEvent> contactTopic =
            new Topic<>(
                    "it-contact-events-" + suffix,
                    2,
                    Duration.ofDays(1),
                    Topics.CONTACT_EVENTS.serde(),
                    ContactEvent::contactId);
    private final Topic<AgentEvent> agentTopic =
            new Topic<>(
                    "it-agent-events-" + suffix,
                    1,
                    Duration.ofDays(1),
                    Topics.AGENT_EVENTS.serde(),
                    AgentEvent::agentId);

    @TempDir Path checkpoints;
    private JobClient job;

    @AfterEach
    void cancelJob() throws Exception {
        if (job != null && !job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get();
        }
    }

    private JobClient start(JobConfig config) throws Exception {
        String kafka = config.kafkaBootstrap();
        String url = config.clickHouseUrl();
        QueueStatsJob pipeline =
                new QueueStatsJob(
                        KafkaConnectors.source(kafka, config.consumerGroup(), contactTopic),
                        KafkaConnectors.source(kafka, config.consumerGroup(), agentTopic),
                        ClickHouseSink.of(ArchiveTables.CONTACT_EVENTS, url, config.sinkTuning()),
                        ClickHouseSink.of(ArchiveTables.AGENT_EVENTS, url, config.sinkTuning()),
                        ClickHouseSink.of(QueueIntervalStatsTable.SPEC, url, config.sinkTuning()),
                        KafkaConnectors.deadLetterSink(kafka),
                        config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return pipeline.executeAsync(env);
    }

    @Test
    void restoredJobContinuesItsStateWithoutDuplicatesOrLosses() throws Exception {
        TopicInstaller.install(KAFKA.bootstrapServers(), List.of(contactTopic, agentTopic));
        ClickHouseMigrator.migrate(CLICKHOUSE.jdbcUrl());
        JobConfig config =
                JobConfig.defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                        .withConsumerGroup("it-" + tenant)
                        // The re-sent event below comes after its contact ended: within the linger.
                        .withEventTime(
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(30),
                                Duration.ofMinutes(15))
                        .withStatsEmitInterval(Duration.ofMillis(300))
                        .withCheckpointInterval(Duration.ofMillis(500))
                        .withCheckpointDir(checkpoints.toString())
                        .withSinkTuning(new SinkTuning(500, Duration.ofMillis(200), 3));

        // Phase 1: three contacts complete, two are still waiting when the job stops.
        List<ContactEvent> phase1 = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            long at = T0 + c * MIN;
            phase1.add(queued(tenant, "p1-" + c, "sales", at));
            phase1.add(answered(tenant, "p1-" + c, "sales", at + 10_000, 10_000L));
            phase1.add(talkEnded(tenant, "p1-" + c, at + 70_000, 60_000));
            phase1.add(ended(tenant, "p1-" + c, at + 71_000));
        }
        phase1.add(queued(tenant, "w1", "sales", T0 + 5 * MIN));
        phase1.add(queued(tenant, "w2", "sales", T0 + 6 * MIN));
        AgentEvent login = TestEvents.agent(tenant, "a1", AgentEventType.LOGGED_IN, T0);

        job = start(config);
        phase1.forEach(e -> KAFKA.produce(contactTopic, e));
        KAFKA.produce(agentTopic, login);
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            assertThat(StatsRows.interval(CLICKHOUSE, tenant, "sales", T0))
                                    .isEqualTo(expected(5, 3, 0, 3, 30_000, 180_000, 20, 15));
                            assertThat(contactRows()).isEqualTo(phase1.size());
                        });
        // Everything read so far is in a checkpoint once one has been triggered after this point.
        long seen = latestCheckpointNumber();
        await().atMost(TIMEOUT).until(() -> latestCheckpointNumber() >= seen + 2);

        job.cancel().get();
        await().atMost(TIMEOUT).until(() -> job.getJobStatus().get() == JobStatus.CANCELED);
        Path retained = Checkpoints.latestRetained(checkpoints).orElseThrow();
        deleteAllRecords(contactTopic.name(), agentTopic.name());

        // Phase 2, while the job is down: the waiting contacts get their outcome, a producer
        // re-sends an event the first run counted, and a new contact arrives in the next interval.
        List<ContactEvent> phase2 = new ArrayList<>();
        phase2.add(answered(tenant, "w1", "sales", T0 + 5 * MIN + 30_000, 30_000L));
        phase2.add(talkEnded(tenant, "w1", T0 + 8 * MIN, 120_000));
        phase2.add(abandoned(tenant, "w2", "sales", T0 + 6 * MIN + 15_000, 15_000));
        phase2.add(queued(tenant, "p2", "sales", T0 + 16 * MIN));
        phase2.add(answered(tenant, "p2", "sales", T0 + 16 * MIN + 5_000, 5_000L));
        phase2.forEach(e -> KAFKA.produce(contactTopic, e));
        ContactEvent replayed = phase1.get(1);
        KAFKA.produce(contactTopic, replayed);
        KAFKA.produce(agentTopic, TestEvents.agent(tenant, "a1", AgentEventType.READY, T0 + 1));

        job = start(config.withRestorePath(retained.toString()));

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            assertThat(StatsRows.interval(CLICKHOUSE, tenant, "sales", T0))
                                    .isEqualTo(expected(5, 4, 1, 3, 60_000, 300_000, 20, 15));
                            assertThat(
                                            StatsRows.interval(
                                                    CLICKHOUSE, tenant, "sales", T0 + 15 * MIN))
                                    .isEqualTo(expected(1, 1, 0, 1, 5_000, 0, 20, 15));
                            assertThat(contactRows()).isEqualTo(phase1.size() + phase2.size());
                            assertThat(
                                            StatsRows.rawCount(
                                                    CLICKHOUSE,
                                                    Table.AGENT_EVENTS.qualifiedName(),
                                                    tenant))
                                    .isEqualTo(2);
                        });
        assertThat(
                        StatsRows.distinctEvents(
                                CLICKHOUSE, Table.CONTACT_EVENTS.qualifiedName(), tenant))
                .as("FINAL leaves one row per event")
                .isEqualTo(contactRows());
    }

    private long contactRows() {
        return StatsRows.rawCount(CLICKHOUSE, Table.CONTACT_EVENTS.qualifiedName(), tenant);
    }

    private long latestCheckpointNumber() {
        return Checkpoints.latestRetained(checkpoints).map(Checkpoints::number).orElse(0L);
    }

    private static void deleteAllRecords(String... topics) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var description :
                    admin.describeTopics(List.of(topics)).allTopicNames().get().values()) {
                description
                        .partitions()
                        .forEach(
                                p ->
                                        latest.put(
                                                new TopicPartition(
                                                        description.name(), p.partition()),
                                                OffsetSpec.latest()));
            }
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get()
                    .forEach(
                            (tp, info) ->
                                    delete.put(tp, RecordsToDelete.beforeOffset(info.offset())));
            admin.deleteRecords(delete).all().get();
        }
    }
}
