package io.ringstream.sentiment.job;

import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.kit.clickhouse.ClickHouseSink;
import io.ringstream.flink.kit.kafka.Decoded;
import io.ringstream.flink.kit.kafka.DecodedInputs;
import io.ringstream.flink.kit.kafka.JobKafka;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.kit.runtime.JobDefinition;
import io.ringstream.flink.kit.runtime.PipelineJob;
import io.ringstream.sentiment.job.operators.AgentSentimentDayFunction;
import io.ringstream.sentiment.job.operators.ConversationSentimentFunction;
import io.ringstream.sentiment.job.operators.Keys;
import io.ringstream.sentiment.job.operators.OnlyTurns;
import io.ringstream.sentiment.job.operators.ScoreUtterances;
import io.ringstream.sentiment.job.operators.ScorerFactory;
import io.ringstream.sentiment.job.sinks.SentimentTables;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Live sentiment: scores every chat message and transcript segment of the {@code interactions}
 * topic with the model for its language, keeps a rolling sentiment per conversation and speaker,
 * and alerts supervisors (on {@code supervisor-alerts}, as SupervisorAlert NEGATIVE_SENTIMENT) when
 * a customer turns negative. Writes {@code utterance_sentiment}, {@code conversation_sentiment} and
 * {@code sentiment_alerts}, and per tenant, UTC day and agent the conversations' final customer
 * scores in {@code agent_sentiment_days}. Bad records go to the dead-letter topic; the job keeps
 * running.
 *
 * <p>Pipeline: decode ({@link DeadLetterSplitter}) → key by conversation → {@link ScoreUtterances}
 * (async I/O on a bounded pool, unordered across conversations, ordered within one) → event-time
 * watermarks → {@link ConversationSentimentFunction}, connected with the contact events (queue,
 * agent, end of the contact) → timeline rows and alerts; timeline rows keyed by tenant and UTC day
 * → {@link AgentSentimentDayFunction} → {@code agent_sentiment_days} rows.
 *
 * <p>Delivery: every ClickHouse table is written at least once. {@code agent_sentiment_days} rows
 * are complete per (tenant, day, agent) with a version, so a redelivered row replaces itself and a
 * replay after a restore rewrites the rows from the restored state: read with FINAL, it is exact.
 *
 * <p>Watermarks for utterances are assigned after scoring, not at the source: in event time an
 * async operator treats each watermark as an ordering barrier, so a slow utterance would hold back
 * every later one. The rolling step does not depend on watermarks; they only drive state cleanup.
 *
 * <p>It reports malformed interactions; malformed contact events are the archive job's to report.
 * Sources and sinks come in through {@link Endpoints} ({@link #production} is the production
 * wiring), so tests and the launcher run the same pipeline on other endpoints.
 */
public final class SentimentJob extends PipelineJob<SentimentSettings, SentimentJob.Endpoints> {
    public static final String JOB_NAME = "ringstream-sentiment";

    public static final JobDefinition<SentimentSettings> DEFINITION =
            new JobDefinition<>(
                    JOB_NAME,
                    Components.SENTIMENT_JOB,
                    "ringstream-sentiment",
                    "RINGSTREAM_CHECKPOINT_DIR",
                    "RINGSTREAM_RESTORE_PATH",
                    List.of(Topics.INTERACTIONS, Topics.CONTACT_EVENTS),
                    SentimentSettings::from,
                    SentimentJob::production);

    /**
     * The job's sources and sinks.
     *
     * @param alertTopic where live alerts go ({@code supervisor-alerts} in production)
     * @param deadLetters where rejected records go ({@code dead-letters} in production)
     */
    public record Endpoints(
            Source<Decoded<InteractionEvent>, ?, ?> interactions,
            Source<Decoded<ContactEvent>, ?, ?> contacts,
            Sink<ScoredUtterance> utteranceTable,
            Sink<ConversationPoint> timelineTable,
            Sink<AgentSentimentRow> agentSentimentTable,
            Sink<SentimentAlert> alertTable,
            Sink<SupervisorAlert> alertTopic,
            Sink<DeadLetter> deadLetters) {}

    private final ScorerFactory scorerFactory;

    public SentimentJob(Endpoints endpoints, JobConfig<SentimentSettings> config) {
        this(
                endpoints,
                ScorerFactory.shared(
                        config.settings().scoring().assignment(),
                        config.settings().scoring().maxChars()),
                config);
    }

    private SentimentJob(
            Endpoints endpoints, ScorerFactory scorerFactory, JobConfig<SentimentSettings> config) {
        super(JOB_NAME, endpoints, config);
        this.scorerFactory = Objects.requireNonNull(scorerFactory, "scorerFactory");
    }

    /** A copy that scores with other models than the config's shared ones (tests, tools). */
    public SentimentJob withScorerFactory(ScorerFactory factory) {
        return new SentimentJob(endpoints(), factory, config());
    }

    /** The registry's topics and the ClickHouse tables. */
    public static SentimentJob production(JobConfig<SentimentSettings> config) {
        JobKafka kafka = JobKafka.of(config, Components.SENTIMENT_JOB);
        return new SentimentJob(
                new Endpoints(
                        kafka.source(Topics.INTERACTIONS),
                        kafka.source(Topics.CONTACT_EVENTS),
                        ClickHouseSink.of(SentimentTables.UTTERANCE_SENTIMENT, config),
                        ClickHouseSink.of(SentimentTables.CONVERSATION_SENTIMENT, config),
                        ClickHouseSink.of(SentimentTables.AGENT_SENTIMENT_DAYS, config),
                        ClickHouseSink.of(SentimentTables.SENTIMENT_ALERTS, config),
                        kafka.sink(Topics.SUPERVISOR_ALERTS),
                        kafka.deadLetters()),
                config);
    }

    /**
     * Configuration from program arguments over environment variables. The first scoring operator
     * to open loads the models (CoreNLP: about a second and 150 MB of heap).
     */
    public static void main(String[] args) throws Exception {
        DEFINITION.main(args);
    }

    @Override
    protected void build(StreamExecutionEnvironment env) {
        SentimentSettings settings = settings();
        DecodedInputs inputs = new DecodedInputs(env, "");
        SingleOutputStreamOperator<InteractionEvent> interactions =
                inputs.add(endpoints().interactions(), InteractionEvent.class, "interactions")
                        .filter(new OnlyTurns())
                        .uid("only-turns")
                        .name("only-turns");
        SingleOutputStreamOperator<ContactEvent> contacts =
                inputs.add(
                        endpoints().contacts(),
                        ContactEvent.class,
                        "contact-events",
                        settings.eventTime().bounded(ContactEvent::eventTime));
        inputs.deadLetters()
                .sinkTo(endpoints().deadLetters())
                .uid("dead-letters-sink")
                .name("dead-letters");
        SingleOutputStreamOperator<ScoredUtterance> scored =
                AsyncDataStream.unorderedWait(
                                interactions.keyBy(Keys::of, Types.STRING),
                                new ScoreUtterances(
                                        scorerFactory,
                                        settings.scoring().threads(),
                                        settings.scoring().timeout()),
                                settings.scoring().timeout().toMillis(),
                                TimeUnit.MILLISECONDS,
                                settings.scoring().asyncCapacity())
                        .returns(TypeInformation.of(ScoredUtterance.class))
                        .uid("score-utterances")
                        .name("score-utterances")
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<ScoredUtterance>forBoundedOutOfOrderness(
                                                settings.eventTime().outOfOrderness())
                                        .withTimestampAssigner((u, ts) -> u.eventTime())
                                        .withIdleness(settings.eventTime().sourceIdleness()))
                        .uid("utterance-watermarks")
                        .name("utterance-watermarks");
        scored.sinkTo(endpoints().utteranceTable())
                .uid("utterance-sentiment-sink")
                .name("utterance_sentiment");

        SingleOutputStreamOperator<ConversationPoint> timeline =
                scored.keyBy(Keys::of, Types.STRING)
                        .connect(contacts.keyBy(Keys::of, Types.STRING))
                        .process(
                                new ConversationSentimentFunction(
                                        settings.policy(),
                                        settings.lingerAfterEnd(),
                                        settings.inactivityTimeout()))
                        .returns(TypeInformation.of(ConversationPoint.class))
                        .uid("conversation-sentiment")
                        .name("conversation-sentiment");
        timeline.sinkTo(endpoints().timelineTable())
                .uid("conversation-sentiment-sink")
                .name("conversation_sentiment");

        timeline.keyBy(Keys::ofDay, Types.STRING)
                .process(
                        new AgentSentimentDayFunction(
                                settings.agentDay().refresh(), settings.agentDay().lateness()))
                .returns(TypeInformation.of(AgentSentimentRow.class))
                .uid("agent-sentiment-days")
                .name("agent-sentiment-days")
                .sinkTo(endpoints().agentSentimentTable())
                .uid("agent-sentiment-days-sink")
                .name("agent_sentiment_days");

        DataStream<SentimentAlert> alerts =
                timeline.getSideOutput(ConversationSentimentFunction.ALERTS);
        alerts.sinkTo(endpoints().alertTable())
                .uid("sentiment-alerts-sink")
                .name("sentiment_alerts");
        long maxAge = settings.alertMaxAge().toMillis();
        alerts.filter(a -> a.raisedAt() - a.eventTime() <= maxAge)
                .uid("live-alerts-only")
                .name("live-alerts-only")
                .map(SentimentAlert::toSupervisorAlert)
                .returns(TypeInformation.of(SupervisorAlert.class))
                .uid("to-supervisor-alert")
                .name("to-supervisor-alert")
                .sinkTo(endpoints().alertTopic())
                .uid("supervisor-alerts-sink")
                .name("supervisor-alerts");
    }
}
