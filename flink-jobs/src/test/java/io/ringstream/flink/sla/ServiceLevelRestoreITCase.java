package io.ringstream.flink.sla;

import static io.ringstream.flink.KpiRows.expected;
import static io.ringstream.testkit.TestEvents.abandoned;
import static io.ringstream.testkit.TestEvents.answered;
import static io.ringstream.testkit.TestEvents.ended;
import static io.ringstream.testkit.TestEvents.queued;
import static io.ringstream.testkit.TestEvents.talkEnded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.clickhouse.ClickHouseMigrator;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.ContactEvent;
import io.ringstream.flink.KpiRows;
import io.ringstream.flink.PrivateTopics;
import io.ringstream.flink.kit.checkpoint.Checkpoints;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.kit.time.EventTime;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.EventTimeMarkers;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.TargetDirectories;
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

/**
 * Stop the KPI job mid-stream, restart it from its retained checkpoint, and {@code queue_kpis} must
 * read exactly as if it had never stopped: contacts waiting at the stop are answered or abandoned
 * after it, a re-sent event is not counted twice, nothing is lost. (Outcomes older than the event
 * time the job had reached would be late, and count nowhere: docs/kpis.md.)
 *
 * <p>Between the runs the first phase's records are deleted from the topics: a restarted job that
 * did not restore its state could not recount them, and its rows would miss them. Only a real
 * restore gives the expected totals.
 */
class ServiceLevelRestoreITCase {
    /**
     * Scripted event time starts ahead of the wall clock, so the job's watermark follows these
     * events alone (a silent partition's watermark catches up with the wall clock).
     */
    private static final long T0 = TestEvents.intervalAheadOfTheWallClock();

    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final long MIN = 60_000;

    private final String tenant = "it-" + UUID.randomUUID();
    // Topics of this test only, so deleting their records affects nobody else.
    private final PrivateTopics topics =
            PrivateTopics.install(KAFKA.bootstrapServers(), UUID.randomUUID().toString());

    private final Path checkpoints = TargetDirectories.create("checkpoints-");
    private JobClient job;

    @AfterEach
    void cancelJob() throws Exception {
        if (job != null && !job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get();
        }
    }

    private JobClient start(JobConfig<ServiceLevelSettings> config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return new ServiceLevelJob(topics.slaEndpoints(config), config).executeAsync(env);
    }

    @Test
    void restoredJobContinuesItsStateWithoutDuplicatesOrLosses() throws Exception {
        ClickHouseMigrator.migrate(CLICKHOUSE.jdbcUrl());
        JobConfig<ServiceLevelSettings> config =
                ServiceLevelJob.DEFINITION
                        .defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                        .withConsumerGroup("it-" + tenant)
                        // Silent partitions move event time on after 1 s, so rows follow quickly.
                        .withSettings(
                                s ->
                                        s.withEventTime(
                                                        new EventTime(
                                                                Duration.ofSeconds(5),
                                                                Duration.ofSeconds(1)))
                                                .withKpiRefresh(Duration.ofMillis(300)))
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

        job = start(config);
        KAFKA.produce(
                topics.agents(), TestEvents.agent(tenant, "a1", AgentEventType.LOGGED_IN, T0));
        phase1.forEach(e -> KAFKA.produce(topics.contacts(), e));
        // Event time moves just past w2's arrival and stays there (the wall clock is behind T0):
        // the
        // outcomes below, from T0 + 10 min, are still on time after it.
        EventTimeMarkers.pushPast(KAFKA, topics.contacts(), topics.agents(), tenant, T0 + 7 * MIN);
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(KpiRows.interval(CLICKHOUSE, tenant, "sales", T0))
                                        .isEqualTo(expected(5, 3, 0, 3, 30_000, 180_000, 20, 15)));
        // Everything read so far is in a checkpoint once one has been triggered after this point.
        long seen = latestCheckpointNumber();
        await().atMost(TIMEOUT).until(() -> latestCheckpointNumber() >= seen + 2);

        job.cancel().get();
        await().atMost(TIMEOUT).until(() -> job.getJobStatus().get() == JobStatus.CANCELED);
        Path retained = Checkpoints.latestRetained(checkpoints).orElseThrow();
        deleteAllRecords(topics.contacts().name(), topics.agents().name());

        // Phase 2, while the job is down: the waiting contacts get their outcome, a producer
        // re-sends an event the first run counted, and a new contact arrives in the next interval.
        List<ContactEvent> phase2 = new ArrayList<>();
        phase2.add(answered(tenant, "w1", "sales", T0 + 10 * MIN, 300_000L));
        phase2.add(talkEnded(tenant, "w1", T0 + 12 * MIN, 120_000));
        phase2.add(abandoned(tenant, "w2", "sales", T0 + 10 * MIN + 30_000, 270_000));
        phase2.add(queued(tenant, "p2", "sales", T0 + 16 * MIN));
        phase2.add(answered(tenant, "p2", "sales", T0 + 16 * MIN + 5_000, 5_000L));
        phase2.forEach(e -> KAFKA.produce(topics.contacts(), e));
        KAFKA.produce(topics.contacts(), phase1.get(1));
        EventTimeMarkers.pushPast(KAFKA, topics.contacts(), topics.agents(), tenant, T0 + 20 * MIN);

        job = start(config.withRestorePath(retained.toString()));

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            assertThat(KpiRows.interval(CLICKHOUSE, tenant, "sales", T0))
                                    .isEqualTo(expected(5, 4, 1, 3, 330_000, 300_000, 20, 15));
                            assertThat(KpiRows.interval(CLICKHOUSE, tenant, "sales", T0 + 15 * MIN))
                                    .isEqualTo(expected(1, 1, 0, 1, 5_000, 0, 20, 15));
                        });
    }

    private long latestCheckpointNumber() {
        return Checkpoints.latestRetained(checkpoints).map(Checkpoints::number).orElse(0L);
    }

    private static void deleteAllRecords(String... names) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var description :
                    admin.describeTopics(List.of(names)).allTopicNames().get().values()) {
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
