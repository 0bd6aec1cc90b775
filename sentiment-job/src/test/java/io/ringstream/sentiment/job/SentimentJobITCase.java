package io.ringstream.sentiment.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.ringstream.clickhouse.Table;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.Speaker;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.sentiment.SharedModels;
import io.ringstream.sentiment.corenlp.CoreNlpPipeline;
import io.ringstream.sentiment.lexicon.LexiconSentimentModel;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production pipeline end to end on real Kafka, a Flink MiniCluster and clickhouse-server, with
 * the real models (CoreNLP for English, the lexicon model for Spanish) at parallelism 2. One job
 * serves every test (loading CoreNLP is the expensive part); each test uses its own contacts.
 */
class SentimentJobITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String TENANT = "it-" + UUID.randomUUID();
    private static JobClient job;

    @BeforeAll
    static void startJob() throws Exception {
        JobConfig<SentimentSettings> config =
                SentimentJob.DEFINITION
                        .defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                        .withConsumerGroup("it-" + TENANT)
                        .withCheckpointInterval(Duration.ofSeconds(2))
                        .withSinkTuning(new SinkTuning(500, Duration.ofMillis(200), 3));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job = SentimentJob.DEFINITION.startLocal(config, env);
    }

    @AfterAll
    static void cancelJob() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
    }

    private static long base() {
        return System.currentTimeMillis() - 60_000;
    }

    private static InteractionEvent say(
            String contact, Speaker speaker, long time, String text, String language) {
        InteractionEvent e = Utterances.chat(TENANT, contact, speaker, time, text, language);
        KAFKA.produce(Topics.INTERACTIONS, e);
        return e;
    }

    private static List<List<String>> rows(String sql) {
        return CLICKHOUSE.query(sql);
    }

    private static long count(String table, String contact) {
        return CLICKHOUSE.queryLong(
                "SELECT count() FROM ringstream."
                        + table
                        + " FINAL WHERE tenant = '"
                        + TENANT
                        + "' AND contact_id = '"
                        + contact
                        + "'");
    }

    @Test
    void anAngryChatAlertsOnceAtTheRightTurnThenAgainAfterRecoveryAndANewDecline() {
        String c = "chat-angry";
        long t = base();
        KAFKA.produce(
                Topics.CONTACT_EVENTS,
                Utterances.contact(TENANT, c, ContactEventType.QUEUED, t, "billing", null));
        KAFKA.produce(
                Topics.CONTACT_EVENTS,
                Utterances.contact(
                        TENANT, c, ContactEventType.ANSWERED, t + 500, "billing", "agent-7"));
        String[][] chat = {
            {"C", "Hi, I need to change the date of my booking."},
            {"A", "Of course, let me check that for you."},
            {"C", "Thank you, that is very kind."},
            {"A", "The new date costs forty euros more."},
            {"C", "That is ridiculous and unfair."},
            {"C", "This is terrible service and I am furious."},
            {"C", "Awful, absolutely awful."}, // turn 7: rolling below -0.3
            {"A", "I understand, let me waive the fee for you."},
            {"C", "Oh, thank you so much, that is wonderful."}, // recovers above 0: re-armed
            {"C", "Great, I really appreciate your help."},
            {"C", "You have been very helpful, thanks."},
            {"C", "Wait, the payment failed and you charged me twice, what a disaster."},
            {"C", "I am so angry, this is the worst company ever."},
            {"C", "Horrible. I hate this."} // turn 14: a drop of more than 0.5 within 3 turns
        };
        List<InteractionEvent> sent = new ArrayList<>();
        for (int i = 0; i < chat.length; i++) {
            Speaker speaker = chat[i][0].equals("C") ? Speaker.CUSTOMER : Speaker.AGENT;
            sent.add(say(c, speaker, t + 1_000L * (i + 1), chat[i][1], "en"));
        }

        List<SupervisorAlert> alerts =
                KAFKA.awaitRecords(
                        Topics.SUPERVISOR_ALERTS, a -> a.subject().equals(c), 2, TIMEOUT);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(count("conversation_sentiment", c)).isEqualTo(14));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(count("sentiment_alerts", c)).isEqualTo(2));

        assertThat(alerts).hasSize(2);
        SupervisorAlert first = alerts.get(0);
        assertThat(first.kind()).isEqualTo(SupervisorAlert.Kind.NEGATIVE_SENTIMENT);
        assertThat(first.attributes())
                .containsEntry("episode", "1")
                .containsEntry("turn", "7")
                .containsEntry("trigger", "THRESHOLD")
                .containsEntry("utteranceEventId", sent.get(6).eventId())
                .containsEntry("model", "corenlp");
        assertThat(first.queue()).isEqualTo("billing");
        assertThat(first.agentId()).isEqualTo("agent-7");
        assertThat(first.eventTime()).isEqualTo(sent.get(6).eventTime());
        SupervisorAlert second = alerts.get(1);
        assertThat(second.attributes())
                .containsEntry("episode", "2")
                .containsEntry("turn", "14")
                .containsEntry("trigger", "DROP")
                .containsEntry("utteranceEventId", sent.get(13).eventId());

        assertThat(
                        rows(
                                "SELECT episode, turn, trigger, queue, agent_id FROM"
                                        + " "
                                        + Table.SENTIMENT_ALERTS.qualifiedName()
                                        + " FINAL WHERE tenant = '"
                                        + TENANT
                                        + "' AND contact_id = '"
                                        + c
                                        + "' ORDER BY episode"))
                .containsExactly(
                        List.of("1", "7", "THRESHOLD", "billing", "agent-7"),
                        List.of("2", "14", "DROP", "billing", "agent-7"));
        // The timeline: the episode is open from turn 7 until the recovery at turn 9.
        assertThat(
                        rows(
                                "SELECT turn, alerting FROM "
                                        + Table.CONVERSATION_SENTIMENT.qualifiedName()
                                        + " FINAL"
                                        + " WHERE tenant = '"
                                        + TENANT
                                        + "' AND contact_id = '"
                                        + c
                                        + "' AND alerting = 1 ORDER BY turn"))
                .containsExactly(List.of("7", "1"), List.of("8", "1"), List.of("14", "1"));
        assertThat(
                        CLICKHOUSE.queryLong(
                                "SELECT count() FROM "
                                        + Table.UTTERANCE_SENTIMENT.qualifiedName()
                                        + " FINAL WHERE"
                                        + " tenant = '"
                                        + TENANT
                                        + "' AND contact_id = '"
                                        + c
                                        + "' AND model = 'corenlp' AND scored = 1"))
                .isEqualTo(14);
        // agent_sentiment_days: the conversation once, for its agent, with its last customer
        // score (written within the refresh, a few seconds of processing time).
        String finalScore =
                rows("SELECT toString(event_date), toString(round(customer_rolling, 9)) FROM "
                                + Table.CONVERSATION_SENTIMENT.qualifiedName()
                                + " FINAL WHERE tenant = '"
                                + TENANT
                                + "' AND contact_id = '"
                                + c
                                + "' AND turn = 14")
                        .get(0)
                        .get(1);
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                rows(
                                                        "SELECT conversations,"
                                                                + " toString(round(customer_sum, 9))"
                                                                + " FROM "
                                                                + Table.AGENT_SENTIMENT_DAYS
                                                                        .qualifiedName()
                                                                + " FINAL WHERE tenant = '"
                                                                + TENANT
                                                                + "' AND agent_id = 'agent-7'"))
                                        .containsExactly(List.of("1", finalScore)));
    }

    @Test
    void spanishUtterancesAreScoredByTheSpanishModel() {
        String c = "chat-es";
        long t = base();
        String[] texts = {
            "Hola, quería cambiar la fecha de mi reserva.",
            "Me han cobrado dos veces y nadie me contesta, es una vergüenza.",
            "Muchísimas gracias, todo perfecto."
        };
        say(c, Speaker.CUSTOMER, t, texts[0], null);
        say(c, Speaker.CUSTOMER, t + 1_000, texts[1], null);
        say(c, Speaker.CUSTOMER, t + 2_000, texts[2], "es");

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(count("utterance_sentiment", c)).isEqualTo(3));
        List<List<String>> stored =
                rows(
                        "SELECT text, language, language_source, model, scored, score FROM"
                                + " "
                                + Table.UTTERANCE_SENTIMENT.qualifiedName()
                                + " FINAL WHERE tenant = '"
                                + TENANT
                                + "' AND contact_id = '"
                                + c
                                + "' ORDER BY event_time_ms");
        LexiconSentimentModel spanish = LexiconSentimentModel.builtIn("es");
        for (int i = 0; i < texts.length; i++) {
            List<String> row = stored.get(i);
            assertThat(row.subList(0, 5))
                    .containsExactly(
                            texts[i], "es", i < 2 ? "DETECTED" : "GIVEN", "lexicon-es", "1");
            assertThat(Double.parseDouble(row.get(5)))
                    .isCloseTo(spanish.score(texts[i]).score(), within(1e-9));
        }
        assertThat(Double.parseDouble(stored.get(1).get(5))).isNegative();
        assertThat(Double.parseDouble(stored.get(2).get(5))).isPositive();
    }

    @Test
    void utterancesInALanguageWithoutAModelAreStoredUnscored() {
        String c = "chat-other";
        long t = base();
        say(
                c,
                Speaker.CUSTOMER,
                t,
                "Bonjour, je voudrais annuler ma réservation s'il vous plaît.",
                null);
        say(
                c,
                Speaker.CUSTOMER,
                t + 1_000,
                "Das Zimmer war schmutzig und niemand hat geholfen.",
                null);
        say(c, Speaker.CUSTOMER, t + 2_000, "Obrigado pela ajuda", "pt-BR");
        say(c, Speaker.CUSTOMER, t + 3_000, "ok", null);

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(count("conversation_sentiment", c)).isEqualTo(4));
        assertThat(
                        rows(
                                "SELECT language, language_source, scored, model,"
                                        + " isNull(score), unscored_reason FROM"
                                        + " "
                                        + Table.UTTERANCE_SENTIMENT.qualifiedName()
                                        + " FINAL WHERE tenant = '"
                                        + TENANT
                                        + "' AND contact_id = '"
                                        + c
                                        + "' ORDER BY event_time_ms"))
                .containsExactly(
                        List.of(
                                "fr",
                                "DETECTED",
                                "0",
                                "",
                                "1",
                                "no sentiment model for language 'fr'"),
                        List.of(
                                "de",
                                "DETECTED",
                                "0",
                                "",
                                "1",
                                "no sentiment model for language 'de'"),
                        List.of(
                                "pt",
                                "GIVEN",
                                "0",
                                "",
                                "1",
                                "no sentiment model for language 'pt'"),
                        List.of("", "UNDETERMINED", "0", "", "1", "language not determined"));
        assertThat(
                        rows(
                                "SELECT turn, isNull(score), isNull(customer_rolling) FROM"
                                        + " "
                                        + Table.CONVERSATION_SENTIMENT.qualifiedName()
                                        + " FINAL WHERE tenant ="
                                        + " '"
                                        + TENANT
                                        + "' AND contact_id = '"
                                        + c
                                        + "' ORDER BY turn"))
                .containsExactly(
                        List.of("1", "1", "1"),
                        List.of("2", "1", "1"),
                        List.of("3", "1", "1"),
                        List.of("4", "1", "1"));
    }

    @Test
    void theModelsAreLoadedOncePerTaskManagerNotPerRecordOrOperator() {
        long t = base();
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String c = "chat-load-" + i;
            contacts.add(c);
            say(c, Speaker.CUSTOMER, t, "The room was lovely, thank you.", "en");
            say(c, Speaker.CUSTOMER, t + 1_000, "La habitación era preciosa, gracias.", "es");
        }
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                CLICKHOUSE.queryLong(
                                                        "SELECT count() FROM"
                                                                + " "
                                                                + Table.UTTERANCE_SENTIMENT
                                                                        .qualifiedName()
                                                                + " FINAL WHERE tenant = '"
                                                                + TENANT
                                                                + "' AND contact_id LIKE"
                                                                + " 'chat-load-%' AND scored = 1"))
                                        .isEqualTo(12));
        // Two scoring operator instances (parallelism 2) asked for each model; one load served
        // both.
        assertThat(SharedModels.requestCount("corenlp")).isGreaterThanOrEqualTo(2);
        assertThat(SharedModels.requestCount("lexicon-es")).isGreaterThanOrEqualTo(2);
        assertThat(SharedModels.loadCount("corenlp")).isEqualTo(1);
        assertThat(SharedModels.loadCount("lexicon-es")).isEqualTo(1);
        assertThat(CoreNlpPipeline.loadCount()).isEqualTo(1);
    }

    @Test
    void badRecordsBecomeDeadLettersAndTheJobKeepsScoring() {
        byte[] malformed = "{\"type\": \"CHAT_MESSAGE\", ".getBytes(StandardCharsets.UTF_8);
        String invalid =
                Topics.INTERACTIONS
                        .serde()
                        .toJson(
                                Utterances.chat(
                                        TENANT, "chat-bad", Speaker.CUSTOMER, base(), "hi", "en"))
                        .replace("\"speaker\":\"CUSTOMER\",", "");
        RecordMetadata m1 = KAFKA.produceRaw(Topics.INTERACTIONS.name(), "chat-bad", malformed);
        RecordMetadata m2 =
                KAFKA.produceRaw(
                        Topics.INTERACTIONS.name(),
                        "chat-bad",
                        invalid.getBytes(StandardCharsets.UTF_8));
        say("chat-after-bad", Speaker.CUSTOMER, base(), "Thanks, that was quick.", "en");

        List<DeadLetter> letters =
                KAFKA.awaitRecords(
                        Topics.DEAD_LETTERS,
                        d ->
                                Topics.INTERACTIONS.name().equals(d.topic())
                                        && (d.offset() == m1.offset() || d.offset() == m2.offset())
                                        && d.partition() == m1.partition(),
                        2,
                        TIMEOUT);
        assertThat(letters).allMatch(d -> d.component().equals(Components.SENTIMENT_JOB));
        assertThat(letters).anyMatch(d -> d.reason().contains("speaker is required"));
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(count("utterance_sentiment", "chat-after-bad"))
                                        .isEqualTo(1));
    }
}
