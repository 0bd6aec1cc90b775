package io.ringstream.flink;

import io.ringstream.clickhouse.ClickHouseMigrator;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.archive.ArchiveTables;
import io.ringstream.flink.kit.checkpoint.Checkpointing;
import io.ringstream.flink.kit.clickhouse.ClickHouseSink;
import io.ringstream.flink.kit.kafka.DeadLetterSplitter;
import io.ringstream.flink.kit.kafka.Decoded;
import io.ringstream.flink.kit.kafka.KafkaConnectors;
import io.ringstream.flink.kit.runtime.PipelineJob;
import io.ringstream.flink.operators.ContactTrackingFunction;
import io.ringstream.flink.operators.IntervalAggregationFunction;
import io.ringstream.flink.stats.ContactTracker;
import io.ringstream.flink.stats.QueueIntervalStats;
import io.ringstream.flink.stats.QueueIntervalStatsTable;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics job: stores every contact and agent event in ClickHouse and maintains per-queue
 * interval KPIs ({@code queue_interval_stats}) live, in event time, from the contact-events topic.
 * Invalid input goes to the dead-letter topic; the job keeps running.
 *
 * <p>Sources and sinks come in through the constructor (see {@link #fromConfig(JobConfig)} for the
 * production wiring), so tests and the launcher can run the same pipeline on other endpoints.
 *
 * <p>Pipeline: each source's records are decoded ({@link Decoded}); {@link DeadLetterSplitter}
 * sends rejects to the dead-letter sinks. Valid contact events go to {@code contact_events} and,
 * keyed by contact, through {@link ContactTrackingFunction} (per-contact state to counter deltas),
 * then, keyed by queue and interval, through {@link IntervalAggregationFunction} (counters to live
 * rows) into {@code queue_interval_stats}. Valid agent events go to {@code agent_events}.
 */
public final class QueueStatsJob implements PipelineJob {
    private static final Logger LOG = LoggerFactory.getLogger(QueueStatsJob.class);

    public static final String JOB_NAME = "ringstream-queue-stats";

    private final Source<Decoded<ContactEvent>, ?, ?> contactSource;
    private final Source<Decoded<AgentEvent>, ?, ?> agentSource;
    private final Sink<ContactEvent> contactEventsSink;
    private final Sink<AgentEvent> agentEventsSink;
    private final Sink<QueueIntervalStats> statsSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final Sink<DeadLetter> deadLetterArchive;
    private final JobConfig config;

    /**
     * @param deadLetterSink where rejected records go (the dead-letter topic in production)
     */
    public QueueStatsJob(
            Source<Decoded<ContactEvent>, ?, ?> contactSource,
            Source<Decoded<AgentEvent>, ?, ?> agentSource,
            Sink<ContactEvent> contactEventsSink,
            Sink<AgentEvent> agentEventsSink,
            Sink<QueueIntervalStats> statsSink,
            Sink<DeadLetter> deadLetterSink,
            JobConfig config) {
        this(
                contactSource,
                agentSource,
                contactEventsSink,
                agentEventsSink,
                statsSink,
                deadLetterSink,
                null,
                config);
    }

    private QueueStatsJob(
            Source<Decoded<ContactEvent>, ?, ?> contactSource,
            Source<Decoded<AgentEvent>, ?, ?> agentSource,
            Sink<ContactEvent> contactEventsSink,
            Sink<AgentEvent> agentEventsSink,
            Sink<QueueIntervalStats> statsSink,
            Sink<DeadLetter> deadLetterSink,
            Sink<DeadLetter> deadLetterArchive,
            JobConfig config) {
        this.contactSource = Objects.requireNonNull(contactSource, "contactSource");
        this.agentSource = Objects.requireNonNull(agentSource, "agentSource");
        this.contactEventsSink = Objects.requireNonNull(contactEventsSink, "contactEventsSink");
        this.agentEventsSink = Objects.requireNonNull(agentEventsSink, "agentEventsSink");
        this.statsSink = Objects.requireNonNull(statsSink, "statsSink");
        this.deadLetterSink = Objects.requireNonNull(deadLetterSink, "deadLetterSink");
        this.deadLetterArchive = deadLetterArchive;
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A copy that also writes dead letters to {@code archive} (e.g. ClickHouse dead_letters). */
    public QueueStatsJob withDeadLetterArchive(Sink<DeadLetter> archive) {
        return new QueueStatsJob(
                contactSource,
                agentSource,
                contactEventsSink,
                agentEventsSink,
                statsSink,
                deadLetterSink,
                Objects.requireNonNull(archive, "archive"),
                config);
    }

    /** The production wiring: Kafka topics from {@link Topics}, ClickHouse tables. */
    public static QueueStatsJob fromConfig(JobConfig config) {
        String kafka = config.kafkaBootstrap();
        String url = config.clickHouseUrl();
        QueueStatsJob job =
                new QueueStatsJob(
                        KafkaConnectors.source(
                                kafka, config.consumerGroup(), Topics.CONTACT_EVENTS),
                        KafkaConnectors.source(kafka, config.consumerGroup(), Topics.AGENT_EVENTS),
                        ClickHouseSink.of(ArchiveTables.CONTACT_EVENTS, url, config.sinkTuning()),
                        ClickHouseSink.of(ArchiveTables.AGENT_EVENTS, url, config.sinkTuning()),
                        ClickHouseSink.of(QueueIntervalStatsTable.SPEC, url, config.sinkTuning()),
                        KafkaConnectors.deadLetterSink(kafka),
                        config);
        return config.deadLettersToClickHouse()
                ? job.withDeadLetterArchive(
                        ClickHouseSink.of(ArchiveTables.DEAD_LETTERS, url, config.sinkTuning()))
                : job;
    }

    /**
     * Adds the pipeline to {@code env}; checkpointing is applied by {@link
     * PipelineJob#executeAsync}.
     */
    @Override
    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<ContactEvent> contacts =
                env.fromSource(
                                contactSource,
                                watermarks(ContactEvent::eventTime),
                                "contact-events",
                                Decoded.typeOf(ContactEvent.class))
                        .uid("contact-events-source")
                        .process(new DeadLetterSplitter<>(ContactEvent.class))
                        .uid("contact-events-decode")
                        .name("contact-events-decode");
        SingleOutputStreamOperator<AgentEvent> agents =
                env.fromSource(
                                agentSource,
                                watermarks(AgentEvent::eventTime),
                                "agent-events",
                                Decoded.typeOf(AgentEvent.class))
                        .uid("agent-events-source")
                        .process(new DeadLetterSplitter<>(AgentEvent.class))
                        .uid("agent-events-decode")
                        .name("agent-events-decode");

        DataStream<DeadLetter> deadLetters =
                contacts.getSideOutput(DeadLetterSplitter.DEAD_LETTERS)
                        .union(agents.getSideOutput(DeadLetterSplitter.DEAD_LETTERS));
        deadLetters.sinkTo(deadLetterSink).uid("dead-letters-sink").name("dead-letters");
        if (deadLetterArchive != null) {
            deadLetters
                    .sinkTo(deadLetterArchive)
                    .uid("dead-letters-archive-sink")
                    .name("dead-letters-archive");
        }

        contacts.sinkTo(contactEventsSink).uid("contact-events-sink").name("contact_events");
        agents.sinkTo(agentEventsSink).uid("agent-events-sink").name("agent_events");

        contacts.keyBy(ContactTrackingFunction::keyOf, Types.STRING)
                .process(
                        new ContactTrackingFunction(
                                new ContactTracker(config.intervals(), config.thresholds()),
                                config.lingerAfterEnd(),
                                config.contactInactivityTimeout()))
                .uid("contact-tracking")
                .name("contact-tracking")
                .keyBy(IntervalAggregationFunction::keyOf, Types.STRING)
                .process(
                        new IntervalAggregationFunction(
                                config.intervals(),
                                config.thresholds(),
                                config.intervalRetention(),
                                config.statsEmitInterval()))
                .uid("interval-aggregation")
                .name("interval-aggregation")
                .sinkTo(statsSink)
                .uid("queue-interval-stats-sink")
                .name("queue_interval_stats");
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
     * {@code env} (e.g. a local MiniCluster environment) and returns at once. To keep interval
     * state across local restarts, give the config a checkpoint dir and call {@link
     * JobConfig#resumingFromLatestCheckpoint()} before starting again.
     */
    public static JobClient startLocal(JobConfig config, StreamExecutionEnvironment env)
            throws Exception {
        ClickHouseMigrator.migrate(config.clickHouseUrl());
        return fromConfig(config).executeAsync(env);
    }

    /**
     * Configuration from program arguments over environment variables: see {@link
     * JobConfig#fromArgs}. Under {@code flink run -d} this runs in the client and {@code execute}
     * returns once the job is submitted.
     */
    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.fromArgs(args, System.getenv());
        List<String> applied = ClickHouseMigrator.migrate(config.clickHouseUrl());
        LOG.info("ClickHouse migrations applied at start-up: {}", applied);
        fromConfig(config).execute(StreamExecutionEnvironment.getExecutionEnvironment());
    }

    private <T> WatermarkStrategy<Decoded<T>> watermarks(EventTime<T> eventTime) {
        // Dead letters carry no event time; Long.MIN_VALUE keeps them from moving the watermark.
        return WatermarkStrategy.<Decoded<T>>forBoundedOutOfOrderness(config.outOfOrderness())
                .withTimestampAssigner(
                        (decoded, recordTimestamp) ->
                                decoded.isValid() ? eventTime.of(decoded.event()) : Long.MIN_VALUE)
                .withIdleness(config.sourceIdleness());
    }

    /** Reads an event's time; Serializable so the watermark strategy can ship it. */
    @FunctionalInterface
    private interface EventTime<T> extends java.io.Serializable {
        long of(T event);
    }
}
