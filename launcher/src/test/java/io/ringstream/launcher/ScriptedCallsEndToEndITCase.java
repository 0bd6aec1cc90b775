package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.bridge.BridgeConfig;
import io.ringstream.bridge.ami.AmiBridge;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.JobConfig;
import io.ringstream.flink.QueueStatsJob;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.pbxsim.ami.AmiServer;
import io.ringstream.pbxsim.flow.ScriptedSession;
import io.ringstream.pbxsim.flow.ScriptedSession.QueueExpectation;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The foundation's acceptance slice: a scripted AMI session over a real socket, through the real
 * bridge, Kafka, the Flink job and ClickHouse, ends as exact per-queue statistics. Bad input on the
 * way (a malformed AMI frame, a malformed Kafka record) lands in the dead-letter topic without
 * stopping anything.
 */
class ScriptedCallsEndToEndITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String USER = "ringstream";
    private static final String SECRET = "e2e-secret";

    private JobClient job;
    private AmiServer pbx;
    private AmiBridge bridge;

    @BeforeEach
    void startPipeline() throws Exception {
        CLICKHOUSE.truncateAll();
        JobConfig config =
                JobConfig.defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                        .withConsumerGroup("e2e-" + UUID.randomUUID())
                        .withStatsEmitInterval(Duration.ofMillis(500))
                        .withCheckpointInterval(Duration.ofSeconds(2))
                        .withSinkTuning(new SinkTuning(500, Duration.ofMillis(200), 3));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job = QueueStatsJob.startLocal(config, env);

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
        if (job != null) {
            job.cancel().get();
        }
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

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            for (QueueExpectation expected :
                                    ScriptedSession.expectedPerQueue().values()) {
                                assertThat(statsOf(expected.queue()))
                                        .as("queue_interval_stats for %s", expected.queue())
                                        .containsExactly(
                                                String.valueOf(expected.offered()),
                                                String.valueOf(expected.answered()),
                                                String.valueOf(expected.abandoned()),
                                                String.valueOf(
                                                        expected.answeredWithinServiceLevel()));
                            }
                        });

        // The raw events agree with the statistics: offered = answered + abandoned + waiting.
        for (QueueExpectation expected : ScriptedSession.expectedPerQueue().values()) {
            assertThat(rawCountsOf(expected.queue()))
                    .containsExactly(
                            String.valueOf(expected.offered()),
                            String.valueOf(expected.answered()),
                            String.valueOf(expected.abandoned()));
        }

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

    private static List<String> statsOf(String queue) {
        return CLICKHOUSE
                .query(
                        "SELECT sum(offered), sum(answered), sum(abandoned),"
                                + " sum(answered_within_threshold)"
                                + " FROM queue_interval_stats FINAL WHERE queue = '"
                                + queue
                                + "'")
                .get(0);
    }

    private static List<String> rawCountsOf(String queue) {
        return CLICKHOUSE
                .query(
                        "SELECT countIf(type = 'QUEUED'), countIf(type = 'ANSWERED'),"
                                + " countIf(type = 'ABANDONED')"
                                + " FROM contact_events FINAL WHERE queue = '"
                                + queue
                                + "'")
                .get(0);
    }
}
