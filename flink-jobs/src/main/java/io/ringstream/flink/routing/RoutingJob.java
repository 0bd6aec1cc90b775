package io.ringstream.flink.routing;

import io.ringstream.clickhouse.ClickHouseMigrator;
import io.ringstream.events.Assignment;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingStatus;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.kit.checkpoint.Checkpointing;
import io.ringstream.flink.kit.clickhouse.ClickHouseSink;
import io.ringstream.flink.kit.kafka.DeadLetterSplitter;
import io.ringstream.flink.kit.kafka.Decoded;
import io.ringstream.flink.kit.kafka.KafkaConnectors;
import io.ringstream.flink.kit.runtime.PipelineJob;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing job: decides which agent gets each contact. It reads routing commands (the PBX's
 * route requests and agent desktops, via routing-service), contact events (abandons and hang-ups
 * free contacts and agents), business events (CRM tier and preferred agent) and supervisor alerts
 * (SLA alerts raise a contact's priority; negative sentiment asks for a senior agent), keys them by
 * tenant and applies them to that tenant's routing engine ({@link RoutingFunction}). It writes
 * offers and their outcomes to {@code routing-assignments}, status snapshots to {@code
 * routing-status}, one audit row per decision to ClickHouse {@code routing_decisions}, and rejected
 * input to {@code dead-letters}.
 *
 * <p>Sources and sinks come in through the constructor ({@link #fromConfig} is the production
 * wiring). Routing runs in processing time: the engine's deadlines become processing-time timers.
 * Its state (agents, waiting contacts, pending offers) is checkpointed and survives a restore.
 */
public final class RoutingJob implements PipelineJob {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingJob.class);

    public static final String JOB_NAME = "ringstream-routing";

    private final Source<Decoded<RoutingCommand>, ?, ?> commandSource;
    private final Source<Decoded<ContactEvent>, ?, ?> contactSource;
    private final Source<Decoded<BusinessEvent>, ?, ?> businessSource;
    private final Source<Decoded<SupervisorAlert>, ?, ?> alertSource;
    private final Sink<Assignment> assignmentSink;
    private final Sink<RoutingStatus> statusSink;
    private final Sink<DecisionRow> decisionSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final RoutingJobConfig config;

    public RoutingJob(
            Source<Decoded<RoutingCommand>, ?, ?> commandSource,
            Source<Decoded<ContactEvent>, ?, ?> contactSource,
            Source<Decoded<BusinessEvent>, ?, ?> businessSource,
            Source<Decoded<SupervisorAlert>, ?, ?> alertSource,
            Sink<Assignment> assignmentSink,
            Sink<RoutingStatus> statusSink,
            Sink<DecisionRow> decisionSink,
            Sink<DeadLetter> deadLetterSink,
            RoutingJobConfig config) {
        this.commandSource = Objects.requireNonNull(commandSource, "commandSource");
        this.contactSource = Objects.requireNonNull(contactSource, "contactSource");
        this.businessSource = Objects.requireNonNull(businessSource, "businessSource");
        this.alertSource = Objects.requireNonNull(alertSource, "alertSource");
        this.assignmentSink = Objects.requireNonNull(assignmentSink, "assignmentSink");
        this.statusSink = Objects.requireNonNull(statusSink, "statusSink");
        this.decisionSink = Objects.requireNonNull(decisionSink, "decisionSink");
        this.deadLetterSink = Objects.requireNonNull(deadLetterSink, "deadLetterSink");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The production wiring: the registry's Kafka topics and ClickHouse. */
    public static RoutingJob fromConfig(RoutingJobConfig config) {
        String kafka = config.kafkaBootstrap();
        String group = config.consumerGroup();
        OffsetsInitializer live = OffsetsInitializer.timestamp(config.startFromMillis());
        return new RoutingJob(
                RoutingConnectors.source(kafka, group, Topics.ROUTING_COMMANDS, live),
                RoutingConnectors.source(kafka, group, Topics.CONTACT_EVENTS, live),
                RoutingConnectors.source(
                        kafka, group, Topics.BUSINESS_EVENTS, OffsetsInitializer.earliest()),
                RoutingConnectors.source(kafka, group, Topics.SUPERVISOR_ALERTS, live),
                RoutingConnectors.sink(kafka, Topics.ROUTING_ASSIGNMENTS),
                RoutingConnectors.sink(kafka, Topics.ROUTING_STATUS),
                ClickHouseSink.of(
                        RoutingTables.ROUTING_DECISIONS,
                        config.clickHouseUrl(),
                        config.sinkTuning()),
                KafkaConnectors.deadLetterSink(kafka),
                config);
    }

    /** Adds the pipeline to {@code env}; does not configure checkpointing. */
    @Override
    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<RoutingCommand> commands =
                decode(env, commandSource, RoutingCommand.class, "routing-commands");
        SingleOutputStreamOperator<ContactEvent> contacts =
                decode(env, contactSource, ContactEvent.class, "contact-events");
        SingleOutputStreamOperator<BusinessEvent> business =
                decode(env, businessSource, BusinessEvent.class, "business-events");
        SingleOutputStreamOperator<SupervisorAlert> alerts =
                decode(env, alertSource, SupervisorAlert.class, "supervisor-alerts");

        TypeInformation<RoutingInput> inputType = TypeInformation.of(RoutingInput.class);
        DataStream<RoutingInput> inputs =
                commands.map(RoutingInput::of)
                        .returns(inputType)
                        .uid("routing-commands-input")
                        .union(
                                contacts.filter(RoutingJob::freesRouting)
                                        .uid("contact-events-filter")
                                        .map(RoutingInput::of)
                                        .returns(inputType)
                                        .uid("contact-events-input"),
                                business.map(RoutingInput::of)
                                        .returns(inputType)
                                        .uid("business-events-input"),
                                alerts.map(RoutingInput::of)
                                        .returns(inputType)
                                        .uid("supervisor-alerts-input"));

        SingleOutputStreamOperator<Assignment> assignments =
                inputs.keyBy(RoutingInput::tenant, Types.STRING)
                        .process(new RoutingFunction(config.settings()))
                        .returns(TypeInformation.of(Assignment.class))
                        .uid("routing")
                        .name("routing");

        assignments.sinkTo(assignmentSink).uid("routing-assignments-sink").name("assignments");
        assignments
                .getSideOutput(RoutingFunction.STATUS)
                .sinkTo(statusSink)
                .uid("routing-status-sink")
                .name("status");
        assignments
                .getSideOutput(RoutingFunction.DECISIONS)
                .sinkTo(decisionSink)
                .uid("routing-decisions-sink")
                .name("routing-decisions");
        commands.getSideOutput(DeadLetterSplitter.DEAD_LETTERS)
                .union(
                        contacts.getSideOutput(DeadLetterSplitter.DEAD_LETTERS),
                        business.getSideOutput(DeadLetterSplitter.DEAD_LETTERS),
                        alerts.getSideOutput(DeadLetterSplitter.DEAD_LETTERS),
                        assignments.getSideOutput(RoutingFunction.DEAD_LETTERS))
                .sinkTo(deadLetterSink)
                .uid("routing-dead-letters-sink")
                .name("dead-letters");
    }

    /** Abandons and hang-ups free contacts and agents; the job needs no other contact event. */
    static boolean freesRouting(ContactEvent e) {
        return e.type() == ContactEventType.ABANDONED || e.type() == ContactEventType.ENDED;
    }

    private static <T> SingleOutputStreamOperator<T> decode(
            StreamExecutionEnvironment env,
            Source<Decoded<T>, ?, ?> source,
            Class<T> type,
            String name) {
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), name, Decoded.typeOf(type))
                .uid("routing-" + name + "-source")
                .process(new DeadLetterSplitter<>(type))
                .uid("routing-" + name + "-decode")
                .name(name + "-decode");
    }

    @Override
    public String name() {
        return JOB_NAME;
    }

    @Override
    public Checkpointing checkpointing() {
        return config.checkpointing();
    }

    @Override
    public void tune(StreamExecutionEnvironment env) {
        // Records cross the keyBy in network buffers, shipped when full or after this timeout
        // (default 100 ms): routing is a request/response path, so ship each record at once.
        env.setBufferTimeout(0);
    }

    /**
     * For the launcher: applies the ClickHouse migrations, then runs the production pipeline in
     * {@code env} and returns at once. To keep routing state across local restarts give the config
     * a checkpoint dir and call {@link RoutingJobConfig#resumingFromLatestCheckpoint()}.
     */
    public static JobClient startLocal(RoutingJobConfig config, StreamExecutionEnvironment env)
            throws Exception {
        ClickHouseMigrator.migrate(config.clickHouseUrl());
        return fromConfig(config).executeAsync(env);
    }

    /**
     * Configuration from environment variables (see {@link RoutingJobConfig#fromEnv}); resumes from
     * the newest retained checkpoint under RINGSTREAM_CHECKPOINT_DIR when there is one.
     */
    public static void main(String[] args) throws Exception {
        RoutingJobConfig config = RoutingJobConfig.fromEnv(System.getenv());
        if (config.restorePath() == null) {
            config = config.resumingFromLatestCheckpoint();
        }
        List<String> applied = ClickHouseMigrator.migrate(config.clickHouseUrl());
        LOG.info("ClickHouse migrations applied at start-up: {}", applied);
        fromConfig(config).execute(StreamExecutionEnvironment.getExecutionEnvironment());
    }
}
