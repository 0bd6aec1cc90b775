package io.ringstream.sentiment.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.clickhouse.Table;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.Speaker;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.sentiment.Sentiment;
import io.ringstream.sentiment.SentimentModel;
import io.ringstream.sentiment.SentimentScorer;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model call that hangs for one conversation must not stall the others: on a single scoring
 * operator instance, conversation B is scored and stored while conversation A waits for its model,
 * and A's utterances still come out in order once the model answers.
 */
class SlowModelITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(1);

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    /** Holds texts marked [slow] until the test releases it: the model in the job's JVM. */
    static final class GatedModel implements SentimentModel {
        @Override
        public String name() {
            return "gated";
        }

        @Override
        public Sentiment score(String text) {
            if (text.contains("[slow]")) {
                try {
                    RELEASE.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Sentiment.fromScore(-0.4, 0.8);
        }
    }

    private final String tenant = "it-" + UUID.randomUUID();
    private JobClient job;

    @AfterEach
    void cancel() throws Exception {
        RELEASE.countDown();
        if (job != null) {
            job.cancel().get();
        }
    }

    private InteractionEvent say(String contact, long time, String text) {
        InteractionEvent e = Utterances.chat(tenant, contact, Speaker.CUSTOMER, time, text, "en");
        KAFKA.produce(Topics.INTERACTIONS, e);
        return e;
    }

    private long stored(String contact) {
        return CLICKHOUSE.queryLong(
                "SELECT count() FROM "
                        + Table.UTTERANCE_SENTIMENT.qualifiedName()
                        + " FINAL WHERE tenant = '"
                        + tenant
                        + "' AND contact_id = '"
                        + contact
                        + "'");
    }

    @Test
    void aSlowModelCallHoldsUpOnlyItsOwnConversation() throws Exception {
        JobConfig<SentimentSettings> config =
                SentimentJob.DEFINITION
                        .defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                        .withConsumerGroup("it-" + tenant)
                        // Replaced by the gated model below; the config only needs a valid spec.
                        .withSettings(s -> s.withModels("en=lexicon-en"))
                        .withCheckpointInterval(Duration.ofSeconds(2))
                        .withSinkTuning(new SinkTuning(100, Duration.ofMillis(100), 3));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        job =
                SentimentJob.production(config)
                        .withScorerFactory(
                                () -> new SentimentScorer(Map.of("en", new GatedModel())))
                        .executeAsync(env);

        long t = System.currentTimeMillis();
        InteractionEvent a1 = say("A", t, "[slow] the first message of A");
        InteractionEvent a2 = say("A", t + 1, "the second message of A");
        say("B", t, "the first message of B");
        say("B", t + 1, "the second message of B");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(stored("B")).isEqualTo(2));
        assertThat(stored("A")).isZero();

        RELEASE.countDown();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(stored("A")).isEqualTo(2));
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                CLICKHOUSE.query(
                                                        "SELECT turn, event_id FROM"
                                                                + " "
                                                                + Table.CONVERSATION_SENTIMENT
                                                                        .qualifiedName()
                                                                + " FINAL WHERE tenant = '"
                                                                + tenant
                                                                + "' AND contact_id = 'A' ORDER BY"
                                                                + " turn"))
                                        .containsExactly(
                                                List.of("1", a1.eventId()),
                                                List.of("2", a2.eventId())));
    }
}
