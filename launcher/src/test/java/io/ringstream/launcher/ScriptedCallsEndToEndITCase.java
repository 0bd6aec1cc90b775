package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.bridge.BridgeConfig;
import io.ringstream.bridge.ami.AmiBridge;
import io.ringstream.clickhouse.Table;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.archive.ArchiveJob;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.kit.runtime.JobDefinition;
import io.ringstream.flink.kit.time.EventTime;
import io.ringstream.flink.sla.ServiceLevelJob;
import io.ringstream.pbxsim.ami.AmiServer;
import io.ringstream.pbxsim.flow.ScriptedSession;
import io.ringstream.pbxsim.flow.ScriptedSession.QueueExpectation;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.EventTimeMarkers;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The foundation's acceptance slice: a scripted AMI session over a real socket, through the real
 * bridge, Kafka, the archive and KPI jobs and ClickHouse, ends as exact per-queue figures, in
 * {@code queue_kpis} and in the compatibility table {@code queue_interval_stats} alike. Bad input
 * on the way (a malformed AMI frame, a malformed Kafka record) lands in the dead-letter topic
 * without stopping anything.
 */
class ScriptedCallsEndToEndITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String USER = "ringstream";
    private static final String SECRET = "e2e-secret";

    private final List<JobClient> jobs = new ArrayList<>();
    private AmiServer pbx;
    private AmiBridge bridge;

    @BeforeEach
    void startPipeline() throws Exception {
        CLICKHOUSE.truncateAll();
        String group = "e2e-" + UUID.randomUUID();
        SinkTuning tuning = new SinkTuning(500, Duration.ofMillis(200), 3);
        // The raw archive, and the one KPI engine, whose event time moves on 1 s into a silence.
        start(
                ArchiveJob.DEFINITION,
                ArchiveJob.DEFINITION
                        .defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                        .withConsumerGroup(group + "-archive")
                        .withCheckpointInterval(Duration.ofSeconds(2))
                        .withSinkTuning(tuning));
        start(
                ServiceLevelJob.DEFINITION,
                ServiceLevelJob.DEFINITION
                        .defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                        .withConsumerGroup(group + "-sla")
                        .withSettings(
                                s ->
                                        s.withEventTime(
                                                        new EventTime(
                                                                Duration.ofSeconds(5),
                                                                Duration.ofSeconds(1)))
                                                .withKpiRefresh(Duration.ofMillis(500)))
                        .withCheckpointInterval(Duration.ofSeconds(2))
                        .withSinkTuning(tuning));

        pbx = AmiServer.start(0, USER, SECRET);
        bridge =
                new AmiBridge(
                        BridgeConfig.of(
                                KAFKA.bootstrapServers(), "127.0.0.1", pbx.port(), USER, SECRET),
                        KAFKA.publisher());
        bridge.start();
        await().atMost(TIMEOUT).until(() -> bridge.isConnected() && pbx.sessionCount() == 1);
    }

    @AfterEach
    void stopPipeline() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (pbx != null) {
            pbx.close();
        }
        for (JobClient job : jobs) {
            job.cancel().get();
        }
    }

    private <S extends Serializable> void start(JobDefinition<S> definition, JobConfig<S> config)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        jobs.add(definition.startLocal(config, env));
    }

    @Test
    void tenScriptedCallsBecomeExactQueueStatistics() {
        ScriptedSession session = ScriptedSession.create();
        List<?> frames = session.frames();
        int half = frames.size() / 2;

        // Bad input in the middle of the session, from both kinds of producer.
        session.frames().subList(0, half).forEach(pbx::emit);
        pbx.emitRaw(
                "Event: QueueCallerJoin\r\nTimestamp: not-a-number\r\nQueue: sales\r\n"
                        + "Uniqueid: e2e-broken.1\r\nLinkedid: e2e-broken.1\r\n\r\n");
        KAFKA.produceRaw(
                Topics.CONTACT_EVENTS.name(),
                "e2e-broken.2",
                "{\"type\":\"QUEUED\",".getBytes(StandardCharsets.UTF_8));
        session.frames().subList(half, frames.size()).forEach(pbx::emit);

        // The raw events are all there (so all are on Kafka): offered = answered + abandoned +
        // waiting holds in them too.
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            for (QueueExpectation expected :
                                    ScriptedSession.expectedPerQueue().values()) {
                                assertThat(rawCountsOf(expected.queue()))
                                        .containsExactly(
                                                String.valueOf(expected.offered()),
                                                String.valueOf(expected.answered()),
                                                String.valueOf(expected.abandoned()));
                            }
                        });
        // The session replays an hour of 2024 in seconds: an event on every partition an hour
        // later lets event time pass all of it now, not after minutes of wall-clock creep.
        EventTimeMarkers.pushPast(
                KAFKA,
                Topics.CONTACT_EVENTS,
                Topics.AGENT_EVENTS,
                "markers",
                ScriptedSession.DEFAULT_START.toEpochMilli() + 3_600_000);
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            for (QueueExpectation expected :
                                    ScriptedSession.expectedPerQueue().values()) {
                                List<String> figures =
                                        List.of(
                                                String.valueOf(expected.offered()),
                                                String.valueOf(expected.answered()),
                                                String.valueOf(expected.abandoned()),
                                                String.valueOf(
                                                        expected.answeredWithinServiceLevel()));
                                assertThat(
                                                figuresOf(
                                                        Table.QUEUE_KPIS,
                                                        "window_kind = 'interval'",
                                                        expected.queue()))
                                        .as("queue_kpis for %s", expected.queue())
                                        .containsExactlyElementsOf(figures);
                                // The compatibility table analysts' saved queries read: the same.
                                assertThat(
                                                figuresOf(
                                                        Table.QUEUE_INTERVAL_STATS,
                                                        "1",
                                                        expected.queue()))
                                        .as("queue_interval_stats for %s", expected.queue())
                                        .containsExactlyElementsOf(figures);
                            }
                        });

        List<DeadLetter> letters =
                KAFKA.awaitRecords(
                        Topics.DEAD_LETTERS,
                        letter ->
                                letter.payload() != null && letter.payload().contains("e2e-broken")
                                        || "e2e-broken.2".equals(letterKeyHint(letter)),
                        2,
                        TIMEOUT);
        assertThat(letters)
                .extracting(DeadLetter::origin)
                .contains(DeadLetter.Origin.AMI, DeadLetter.Origin.KAFKA);
        assertThat(letters).allSatisfy(letter -> assertThat(letter.reason()).isNotBlank());
        assertThat(bridge.isConnected()).isTrue();
    }

    private static String letterKeyHint(DeadLetter letter) {
        // Kafka dead letters carry the raw payload; the malformed record above has no contact id.
        return letter.origin() == DeadLetter.Origin.KAFKA
                        && letter.payload() != null
                        && letter.payload().startsWith("{\"type\":\"QUEUED\",")
                ? "e2e-broken.2"
                : null;
    }

    private static List<String> figuresOf(Table table, String filter, String queue) {
        return CLICKHOUSE
                .query(
                        "SELECT sum(offered), sum(answered), sum(abandoned),"
                                + " sum(answered_within_threshold) FROM "
                                + table.qualifiedName()
                                + " FINAL WHERE "
                                + filter
                                + " AND queue = '"
                                + queue
                                + "'")
                .get(0);
    }

    private static List<String> rawCountsOf(String queue) {
        return CLICKHOUSE
                .query(
                        "SELECT countIf(type = 'QUEUED'), countIf(type = 'ANSWERED'),"
                                + " countIf(type = 'ABANDONED')"
                                + " FROM "
                                + Table.CONTACT_EVENTS.qualifiedName()
                                + " FINAL WHERE queue = '"
                                + queue
                                + "'")
                .get(0);
    }
}
