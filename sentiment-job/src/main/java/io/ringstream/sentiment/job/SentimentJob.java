package io.ringstream.sentiment.job;

import io.ringstream.clickhouse.ClickHouseMigrator;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.kit.checkpoint.Checkpointing;
import io.ringstream.flink.kit.clickhouse.ClickHouseSink;
import io.ringstream.flink.kit.kafka.DeadLetterSplitter;
import io.ringstream.flink.kit.kafka.Decoded;
import io.ringstream.flink.kit.kafka.KafkaConnectors;
import io.ringstream.flink.kit.runtime.PipelineJob;
import io.ringstream.sentiment.job.operators.ConversationSentimentFunction;
import io.ringstream.sentiment.job.operators.Keys;
import io.ringstream.sentiment.job.operators.ScoreUtterances;
import io.ringstream.sentiment.job.operators.ScorerFactory;
import io.ringstream.sentiment.job.sinks.SentimentTables;
import io.ringstream.sentiment.job.sinks.TopicSinks;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live sentiment: scores every chat message and transcript segment of the {@code interactions}
 * topic with the model for its language, keeps a rolling sentiment per conversation and speaker,
 * and alerts supervisors (on {@code supervisor-alerts}, as SupervisorAlert NEGATIVE_SENTIMENT) when
 * a customer turns negative. Writes {@code utterance_sentiment}, {@code conversation_sentiment} and
 * {@code sentiment_alerts}. Bad records go to the dead-letter topic; the job keeps running.
 *
 * <p>Pipeline: decode ({@link DeadLetterSplitter}) → key by conversation → {@link ScoreUtterances}
 * (async I/O on a bounded pool, unordered across conversations, ordered within one) → event-time
 * watermarks → {@link ConversationSentimentFunction}, connected with the contact events (queue,
 * agent, end of the contact) → timeline rows and alerts.
 *
 * <p>Watermarks for utterances are assigned after scoring, not at the source: in event time an
 * async operator treats each watermark as an ordering barrier, so a slow utterance would hold back
 * every later one. The rolling step does not depend on watermarks; they only drive state cleanup.
 *
 * <p>Sources and sinks come in through the constructor ({@link #fromConfig} is the production
 * wiring), so tests and the launcher run the same pipeline on other endpoints.
 */
public final class SentimentJob implements PipelineJob {
    private static final Logger LOG = LoggerFactory.getLogger(SentimentJob.class);

    public static final String JOB_NAME = "ringstream-sentiment";

    private final Source<Decoded<InteractionEvent>, ?, ?> interactionSource;
    private final Source<Decoded<ContactEvent>, ?, ?> contactSource;
    private final Sink<ScoredUtterance> utteranceSink;
    private final Sink<ConversationPoint> timelineSink;
    private final Sink<SentimentAlert> alertTableSink;
    private final Sink<SupervisorAlert> alertTopicSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final Sink<DeadLetter> deadLetterArchive;
    private final ScorerFactory scorerFactory;
    private final SentimentJobConfig config;

    /**
     * @param alertTopicSink where live alerts go (supervisor-alerts in production)
     * @param deadLetterSink where rejected records go (the dead-letter topic in production)
     */
    public SentimentJob(
            Source<Decoded<InteractionEvent>, ?, ?> interactionSource,
            Source<Decoded<ContactEvent>, ?, ?> contactSource,
            Sink<ScoredUtterance> utteranceSink,
            Sink<ConversationPoint> timelineSink,
            Sink<SentimentAlert> alertTableSink,
            Sink<SupervisorAlert> alertTopicSink,
            Sink<DeadLetter> deadLetterSink,
            SentimentJobConfig config) {
        this(
                interactionSource,
                contactSource,
                utteranceSink,
                timelineSink,
                alertTableSink,
                alertTopicSink,
                deadLetterSink,
                null,
                ScorerFactory.shared(config.modelAssignment(), config.maxChars()),
                config);
    }

    private SentimentJob(
            Source<Decoded<InteractionEvent>, ?, ?> interactionSource,
            Source<Decoded<ContactEvent>, ?, ?> contactSource,
            Sink<ScoredUtterance> utteranceSink,
            Sink<ConversationPoint> timelineSink,
            Sink<SentimentAlert> alertTableSink,
            Sink<SupervisorAlert> alertTopicSink,
            Sink<DeadLetter> deadLetterSink,
            Sink<DeadLetter> deadLetterArchive,
            ScorerFactory scorerFactory,
            SentimentJobConfig config) {
        this.interactionSource = Objects.requireNonNull(interactionSource, "interactionSource");
        this.contactSource = Objects.requireNonNull(contactSource, "contactSource");
        this.utteranceSink = Objects.requireNonNull(utteranceSink, "utteranceSink");
        this.timelineSink = Objects.requireNonNull(timelineSink, "timelineSink");
        this.alertTableSink = Objects.requireNonNull(alertTableSink, "alertTableSink");
        this.alertTopicSink = Objects.requireNonNull(alertTopicSink, "alertTopicSink");
        this.deadLetterSink = Objects.requireNonNull(deadLetterSink, "deadLetterSink");
        this.deadLetterArchive = deadLetterArchive;
        this.scorerFactory = Objects.requireNonNull(scorerFactory, "scorerFactory");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A copy that also writes dead letters to {@code archive} (e.g. ClickHouse dead_letters). */
    public SentimentJob withDeadLetterArchive(Sink<DeadLetter> archive) {
        return new SentimentJob(
                interactionSource,
                contactSource,
                utteranceSink,
                timelineSink,
                alertTableSink,
                alertTopicSink,
                deadLetterSink,
                Objects.requireNonNull(archive, "archive"),
                scorerFactory,
                config);
    }

    /** A copy that scores with other models than the config's shared ones (tests, tools). */
    public SentimentJob withScorerFactory(ScorerFactory factory) {
        return new SentimentJob(
                interactionSource,
                contactSource,
                utteranceSink,
                timelineSink,
                alertTableSink,
                alertTopicSink,
                deadLetterSink,
                deadLetterArchive,
                factory,
                config);
    }

    /** The production wiring: Kafka topics from {@code Topics}, the ClickHouse tables. */
    public static SentimentJob fromConfig(SentimentJobConfig config) {
        String kafka = config.kafkaBootstrap();
        String url = config.clickHouseUrl();
        SentimentJob job =
                new SentimentJob(
                        KafkaConnectors.source(kafka, config.consumerGroup(), Topics.INTERACTIONS),
                        KafkaConnectors.source(
                                kafka, config.consumerGroup(), Topics.CONTACT_EVENTS),
                        ClickHouseSink.of(
                                SentimentTables.UTTERANCE_SENTIMENT, url, config.sinkTuning()),
                        ClickHouseSink.of(
                                SentimentTables.CONVERSATION_SENTIMENT, url, config.sinkTuning()),
                        ClickHouseSink.of(
                                SentimentTables.SENTIMENT_ALERTS, url, config.sinkTuning()),
                        TopicSinks.atLeastOnce(kafka, Topics.SUPERVISOR_ALERTS),
                        KafkaConnectors.deadLetterSink(kafka),
                        config);
        return job;
    }

    /**
     * Adds the pipeline to {@code env}; checkpointing is applied by {@link
     * PipelineJob#executeAsync}.
     */
    @Override
    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<InteractionEvent> interactions =
                env.fromSource(
                                interactionSource,
                                WatermarkStrategy.noWatermarks(),
                                "interactions",
                                Decoded.typeOf(InteractionEvent.class))
                        .uid("interactions-source")
                        .process(new DeadLetterSplitter<>(InteractionEvent.class))
                        .uid("interactions-decode")
                        .name("interactions-decode");
        SingleOutputStreamOperator<ContactEvent> contacts =
                env.fromSource(
                                contactSource,
                                WatermarkStrategy.<Decoded<ContactEvent>>forBoundedOutOfOrderness(
                                                config.outOfOrderness())
                                        .withTimestampAssigner(
                                                (d, ts) ->
                                                        d.isValid()
                                                                ? d.event().eventTime()
                                                                : Long.MIN_VALUE)
                                        .withIdleness(config.sourceIdleness()),
                                "contact-events",
                                Decoded.typeOf(ContactEvent.class))
                        .uid("contact-events-source")
                        .process(new DeadLetterSplitter<>(ContactEvent.class))
                        .uid("contact-events-decode")
                        .name("contact-events-decode");

        DataStream<DeadLetter> deadLetters =
                interactions
                        .getSideOutput(DeadLetterSplitter.DEAD_LETTERS)
                        .union(contacts.getSideOutput(DeadLetterSplitter.DEAD_LETTERS))
                        .map(SentimentJob::relabel)
                        .returns(TypeInformation.of(DeadLetter.class))
                        .uid("dead-letters-relabel")
                        .name("dead-letters-relabel");
        deadLetters.sinkTo(deadLetterSink).uid("dead-letters-sink").name("dead-letters");
        if (deadLetterArchive != null) {
            deadLetters
                    .sinkTo(deadLetterArchive)
                    .uid("dead-letters-archive-sink")
                    .name("dead-letters-archive");
        }

        SingleOutputStreamOperator<ScoredUtterance> scored =
                AsyncDataStream.unorderedWait(
                                interactions.keyBy(Keys::of, Types.STRING),
                                new ScoreUtterances(
                                        scorerFactory,
                                        config.scoringThreads(),
                                        config.scoringTimeout()),
                                config.scoringTimeout().toMillis(),
                                TimeUnit.MILLISECONDS,
                                config.asyncCapacity())
                        .returns(TypeInformation.of(ScoredUtterance.class))
                        .uid("score-utterances")
                        .name("score-utterances")
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<ScoredUtterance>forBoundedOutOfOrderness(
                                                config.outOfOrderness())
                                        .withTimestampAssigner((u, ts) -> u.eventTime())
                                        .withIdleness(config.sourceIdleness()))
                        .uid("utterance-watermarks")
                        .name("utterance-watermarks");
        scored.sinkTo(utteranceSink).uid("utterance-sentiment-sink").name("utterance_sentiment");

        SingleOutputStreamOperator<ConversationPoint> timeline =
                scored.keyBy(Keys::of, Types.STRING)
                        .connect(contacts.keyBy(Keys::of, Types.STRING))
                        .process(
                                new ConversationSentimentFunction(
                                        config.policy(),
                                        config.lingerAfterEnd(),
                                        config.inactivityTimeout()))
                        .returns(TypeInformation.of(ConversationPoint.class))
                        .uid("conversation-sentiment")
                        .name("conversation-sentiment");
        timeline.sinkTo(timelineSink)
                .uid("conversation-sentiment-sink")
                .name("conversation_sentiment");

        DataStream<SentimentAlert> alerts =
                timeline.getSideOutput(ConversationSentimentFunction.ALERTS);
        alerts.sinkTo(alertTableSink).uid("sentiment-alerts-sink").name("sentiment_alerts");
        long maxAge = config.alertMaxAge().toMillis();
        alerts.filter(a -> a.raisedAt() - a.eventTime() <= maxAge)
                .uid("live-alerts-only")
                .name("live-alerts-only")
                .map(SentimentAlert::toSupervisorAlert)
                .returns(TypeInformation.of(SupervisorAlert.class))
                .uid("to-supervisor-alert")
                .name("to-supervisor-alert")
                .sinkTo(alertTopicSink)
                .uid("supervisor-alerts-sink")
                .name("supervisor-alerts");
    }

    /** The decoder names the queue-stats job; dead letters of this job must name this one. */
    static DeadLetter relabel(DeadLetter d) {
        return new DeadLetter(
                d.reason(),
                SentimentAlert.SOURCE,
                d.origin(),
                d.topic(),
                d.partition(),
                d.offset(),
                d.payload(),
                d.failedAt());
    }

    @Override
    public String name() {
        return JOB_NAME;
    }

    @Override
    public Checkpointing checkpointing() {
        return config.checkpointing();
    }

    /**
     * For the launcher: applies the ClickHouse migrations, then runs the production pipeline in
     * {@code env} (e.g. a local MiniCluster environment) and returns at once. The first scoring
     * operator to open loads the models (CoreNLP: about a second and 150 MB of heap).
     */
    public static JobClient startLocal(SentimentJobConfig config, StreamExecutionEnvironment env)
            throws Exception {
        List<String> applied = ClickHouseMigrator.migrate(config.clickHouseUrl());
        LOG.info("ClickHouse migrations applied at start-up: {}", applied);
        return fromConfig(config).executeAsync(env);
    }

    /** Configuration from environment variables: see {@link SentimentJobConfig#fromEnv}. */
    public static void main(String[] args) throws Exception {
        SentimentJobConfig config = SentimentJobConfig.fromEnv(System.getenv());
        List<String> applied = ClickHouseMigrator.migrate(config.clickHouseUrl());
        LOG.info("ClickHouse migrations applied at start-up: {}", applied);
        fromConfig(config).execute(StreamExecutionEnvironment.getExecutionEnvironment());
    }
}
