package io.ringstream.flink.routing;

import static io.ringstream.flink.routing.RoutingFixtures.agent;
import static io.ringstream.flink.routing.RoutingFixtures.answer;
import static io.ringstream.flink.routing.RoutingFixtures.login;
import static io.ringstream.flink.routing.RoutingFixtures.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.clickhouse.Table;
import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.events.RoutingStatus;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.kit.checkpoint.Checkpoints;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.TargetDirectories;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production routing pipeline on real Kafka, a MiniCluster and clickhouse-server: commands in,
 * assignments, snapshots and audit rows out, bad records to dead letters, and routing state that
 * survives a restart from a retained checkpoint.
 */
class RoutingJobITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(1);

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    // Topics and tables are shared with other tests: everything here is this tenant's.
    private final String tenant = "it-" + UUID.randomUUID();
    private final Path checkpoints = TargetDirectories.create("checkpoints-");
    private JobClient job;

    @AfterEach
    void cancelJob() throws Exception {
        if (job != null && !job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get();
        }
    }

    private JobConfig<RoutingSettings> config() {
        return RoutingJob.DEFINITION
                .defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                .withConsumerGroup("it-" + tenant)
                .withSettings(s -> s.withRouting(RoutingFixtures.supportPolicy()))
                .withCheckpointInterval(Duration.ofMillis(500))
                .withCheckpointDir(checkpoints.toString())
                .withSinkTuning(new SinkTuning(100, Duration.ofMillis(200), 3));
    }

    private static JobClient start(JobConfig<RoutingSettings> config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        return RoutingJob.DEFINITION.startLocal(config, env);
    }

    private List<Assignment> awaitAssignments(AssignmentType type, int count) {
        return KAFKA.awaitRecords(
                Topics.ROUTING_ASSIGNMENTS,
                a -> a.tenant().equals(tenant) && a.type() == type,
                count,
                TIMEOUT);
    }

    @Test
    void routesThroughKafkaAuditsDecisionsAndDeadLettersBadCommands() throws Exception {
        job = start(config());
        long now = System.currentTimeMillis();
        KAFKA.produce(
                Topics.ROUTING_COMMANDS,
                login(tenant, "es-5", Map.of("billing", 5), List.of("es"), now));
        KAFKA.produce(
                Topics.ROUTING_COMMANDS,
                login(tenant, "en-5", Map.of("billing", 5), List.of("en"), now));
        KAFKA.produce(
                Topics.ROUTING_COMMANDS,
                agent(RoutingCommandType.AGENT_READY, tenant, "es-5", now));
        KAFKA.produce(
                Topics.ROUTING_COMMANDS,
                agent(RoutingCommandType.AGENT_READY, tenant, "en-5", now));
        KAFKA.produce(
                Topics.ROUTING_COMMANDS,
                queued(tenant, "c1", Map.of("billing", 3), "es", "cust-1", now));
        String marker = "not-a-command-" + tenant;
        KAFKA.produceRaw(
                Topics.ROUTING_COMMANDS.name(),
                tenant,
                ("{\"oops\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8));

        Assignment offer = awaitAssignments(AssignmentType.OFFERED, 1).get(0);
        assertThat(offer.agentId()).isEqualTo("es-5");
        assertThat(offer.endpoint()).isEqualTo("PJSIP/es-5");
        assertThat(offer.contactId()).isEqualTo("c1");

        KAFKA.produce(
                Topics.ROUTING_COMMANDS,
                answer(RoutingCommandType.OFFER_ACCEPTED, tenant, "es-5", offer.offerId(), now));
        assertThat(awaitAssignments(AssignmentType.ACCEPTED, 1).get(0).offerId())
                .isEqualTo(offer.offerId());

        List<DeadLetter> rejected =
                KAFKA.awaitRecords(
                        Topics.DEAD_LETTERS, d -> d.payload().contains(marker), 1, TIMEOUT);
        assertThat(rejected.get(0).component()).isEqualTo("flink:routing");
        assertThat(rejected.get(0).topic()).isEqualTo("routing-commands");

        RoutingStatus busy =
                KAFKA.awaitRecords(
                                Topics.ROUTING_STATUS,
                                s ->
                                        s.tenant().equals(tenant)
                                                && s.agents().stream()
                                                        .anyMatch(
                                                                a ->
                                                                        a.agentId().equals("es-5")
                                                                                && a.state()
                                                                                        .equals(
                                                                                                "BUSY")),
                                1,
                                TIMEOUT)
                        .get(0);
        assertThat(busy.agents()).hasSize(2);

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                CLICKHOUSE.query(
                                                        "SELECT decision_id, contact_id,"
                                                                + " chosen_agent_id, offer_id, step,"
                                                                + " strategy, eligible_count,"
                                                                + " candidate_count FROM"
                                                                + " "
                                                                + Table.ROUTING_DECISIONS
                                                                        .qualifiedName()
                                                                + " FINAL WHERE tenant = '"
                                                                + tenant
                                                                + "'"))
                                        .containsExactly(
                                                List.of(
                                                        offer.decisionId(),
                                                        "c1",
                                                        "es-5",
                                                        offer.offerId(),
                                                        "1",
                                                        "BEST_FIT",
                                                        "1",
                                                        "2")));
        String candidates =
                CLICKHOUSE
                        .query(
                                "SELECT candidates FROM "
                                        + Table.ROUTING_DECISIONS.qualifiedName()
                                        + " WHERE tenant"
                                        + " = '"
                                        + tenant
                                        + "' LIMIT 1")
                        .get(0)
                        .get(0);
        assertThat(candidates).contains("\"agentId\":\"en-5\"", "\"eligible\":false");
    }

    @Test
    void waitingContactsAndTheirOrderSurviveARestartFromCheckpoint() throws Exception {
        JobConfig<RoutingSettings> config = config();
        job = start(config);
        long now = System.currentTimeMillis();
        KAFKA.produce(
                Topics.ROUTING_COMMANDS,
                login(tenant, "a1", Map.of("billing", 5), List.of("es"), now));
        KAFKA.produce(
                Topics.ROUTING_COMMANDS,
                queued(tenant, "w1", Map.of("billing", 3), "es", null, now));
        KAFKA.produce(
                Topics.ROUTING_COMMANDS,
                queued(tenant, "w2", Map.of("billing", 3), "es", null, now + 1));
        KAFKA.awaitRecords(
                Topics.ROUTING_STATUS,
                s -> s.tenant().equals(tenant) && waiting(s) == 2,
                1,
                TIMEOUT);
        // Everything read so far is in a checkpoint once one has been triggered after this point.
        long seen = latestCheckpointNumber();
        await().atMost(TIMEOUT).until(() -> latestCheckpointNumber() >= seen + 2);
        job.cancel().get();
        await().atMost(TIMEOUT).until(() -> job.getJobStatus().get() == JobStatus.CANCELED);
        Path retained = Checkpoints.latestRetained(checkpoints).orElseThrow();

        // While the job is down the agent gets ready; nobody re-sends the waiting contacts.
        KAFKA.mark();
        KAFKA.produce(
                Topics.ROUTING_COMMANDS,
                agent(RoutingCommandType.AGENT_READY, tenant, "a1", System.currentTimeMillis()));
        job = start(config.withRestorePath(retained.toString()));

        Assignment offer = awaitAssignments(AssignmentType.OFFERED, 1).get(0);
        assertThat(offer.contactId()).as("the longest-waiting restored contact").isEqualTo("w1");
        assertThat(offer.agentId()).isEqualTo("a1");
    }

    private static int waiting(RoutingStatus s) {
        return s.queues().stream().mapToInt(RoutingStatus.QueueState::waiting).sum();
    }

    private long latestCheckpointNumber() {
        return Checkpoints.latestRetained(checkpoints).map(Checkpoints::number).orElse(0L);
    }
}
