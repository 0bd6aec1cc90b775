package io.ringstream.flink.routing;

import io.ringstream.events.Assignment;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingStatus;
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
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

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
 * <p>Sources and sinks come in through {@link Endpoints} ({@link #production} is the production
 * wiring). Routing runs in processing time: the engine's deadlines become processing-time timers.
 * Its state (agents, waiting contacts, pending offers) is checkpointed and survives a restore.
 */
public final class RoutingJob extends PipelineJob<RoutingSettings, RoutingJob.Endpoints> {
    public static final String JOB_NAME = "ringstream-routing";

    public static final JobDefinition<RoutingSettings> DEFINITION =
            new JobDefinition<>(
                    JOB_NAME,
                    Components.ROUTING_JOB,
                    "ringstream-routing",
                    "RINGSTREAM_CHECKPOINT_DIR",
                    "RINGSTREAM_RESTORE_PATH",
                    List.of(
                            Topics.ROUTING_COMMANDS,
                            Topics.CONTACT_EVENTS,
                            Topics.BUSINESS_EVENTS,
                            Topics.SUPERVISOR_ALERTS),
                    RoutingSettings::from,
                    RoutingJob::production);

    /** The job's sources and sinks; {@link #production} wires the registry's. */
    public record Endpoints(
            Source<Decoded<RoutingCommand>, ?, ?> commands,
            Source<Decoded<ContactEvent>, ?, ?> contacts,
            Source<Decoded<BusinessEvent>, ?, ?> business,
            Source<Decoded<SupervisorAlert>, ?, ?> alerts,
            Sink<Assignment> assignments,
            Sink<RoutingStatus> status,
            Sink<DecisionRow> decisions,
            Sink<DeadLetter> deadLetters) {}

    public RoutingJob(Endpoints endpoints, JobConfig<RoutingSettings> config) {
        super(JOB_NAME, endpoints, config);
    }

    /** The registry's topics, low-latency Kafka settings, and ClickHouse. */
    public static RoutingJob production(JobConfig<RoutingSettings> config) {
        JobKafka kafka = JobKafka.of(config, Components.ROUTING_JOB).lowLatency();
        OffsetsInitializer live = OffsetsInitializer.timestamp(config.settings().startFromMillis());
        return new RoutingJob(
                new Endpoints(
                        kafka.source(Topics.ROUTING_COMMANDS, live),
                        kafka.source(Topics.CONTACT_EVENTS, live),
                        kafka.source(Topics.BUSINESS_EVENTS, OffsetsInitializer.earliest()),
                        kafka.source(Topics.SUPERVISOR_ALERTS, live),
                        kafka.sink(Topics.ROUTING_ASSIGNMENTS),
                        kafka.sink(Topics.ROUTING_STATUS),
                        ClickHouseSink.of(RoutingTables.ROUTING_DECISIONS, config),
                        kafka.deadLetters()),
                config);
    }

    /** Configuration from program arguments over environment variables. */
    public static void main(String[] args) throws Exception {
        DEFINITION.main(args);
    }

    @Override
    protected void build(StreamExecutionEnvironment env) {
        DecodedInputs inputs = new DecodedInputs(env, "routing-");
        SingleOutputStreamOperator<RoutingCommand> commands =
                inputs.add(endpoints().commands(), RoutingCommand.class, "routing-commands");
        SingleOutputStreamOperator<ContactEvent> contacts =
                inputs.add(endpoints().contacts(), ContactEvent.class, "contact-events");
        SingleOutputStreamOperator<BusinessEvent> business =
                inputs.add(endpoints().business(), BusinessEvent.class, "business-events");
        SingleOutputStreamOperator<SupervisorAlert> alerts =
                inputs.add(endpoints().alerts(), SupervisorAlert.class, "supervisor-alerts");

        TypeInformation<RoutingInput> inputType = TypeInformation.of(RoutingInput.class);
        DataStream<RoutingInput> routed =
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
                routed.keyBy(RoutingInput::tenant, Types.STRING)
                        .process(new RoutingFunction(settings()))
                        .returns(TypeInformation.of(Assignment.class))
                        .uid("routing")
                        .name("routing");

        assignments
                .sinkTo(endpoints().assignments())
                .uid("routing-assignments-sink")
                .name("assignments");
        assignments
                .getSideOutput(RoutingFunction.STATUS)
                .sinkTo(endpoints().status())
                .uid("routing-status-sink")
                .name("status");
        assignments
                .getSideOutput(RoutingFunction.DECISIONS)
                .sinkTo(endpoints().decisions())
                .uid("routing-decisions-sink")
                .name("routing-decisions");
        inputs.deadLetters(assignments.getSideOutput(RoutingFunction.DEAD_LETTERS))
                .sinkTo(endpoints().deadLetters())
                .uid("routing-dead-letters-sink")
                .name("dead-letters");
    }

    /**
     * The contact events the router acts on (see {@link TenantRouter}); the rest never reach it.
     */
    static boolean freesRouting(ContactEvent e) {
        return TenantRouter.FREEING.contains(e.type());
    }

    @Override
    protected void tune(StreamExecutionEnvironment env) {
        // Records cross the keyBy in network buffers, shipped when full or after this timeout
        // (default 100 ms): routing is a request/response path, so ship each record at once.
        env.setBufferTimeout(0);
    }
}
