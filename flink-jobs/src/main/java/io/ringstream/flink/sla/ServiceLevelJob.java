package io.ringstream.flink.sla;

import io.ringstream.analytics.kpi.AgentKpiAggregator;
import io.ringstream.analytics.kpi.AgentKpiInput;
import io.ringstream.analytics.kpi.AgentKpiRow;
import io.ringstream.analytics.kpi.KpiFact;
import io.ringstream.analytics.kpi.QueueKpiAggregator;
import io.ringstream.analytics.kpi.QueueKpiRow;
import io.ringstream.analytics.sla.clock.SlaSignal;
import io.ringstream.analytics.sla.policy.DefaultPolicies;
import io.ringstream.analytics.sla.policy.PolicyBook;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaPolicy;
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
import io.ringstream.flink.kit.time.EventTime;
import io.ringstream.flink.sla.cep.OutcomeFunction;
import io.ringstream.flink.sla.cep.SignalOrder;
import io.ringstream.flink.sla.cep.SlaPatterns;
import io.ringstream.flink.sla.cep.WarningFunction;
import io.ringstream.flink.sla.io.ServiceLevelTables;
import io.ringstream.flink.sla.kpi.operators.AgentFactsFunction;
import io.ringstream.flink.sla.kpi.operators.AgentKpiFunction;
import io.ringstream.flink.sla.kpi.operators.ContactFactsFunction;
import io.ringstream.flink.sla.kpi.operators.QueueKpiFunction;
import io.ringstream.flink.sla.operators.AlertFunction;
import io.ringstream.flink.sla.operators.ClockSignalFunction;
import io.ringstream.flink.sla.operators.LateSignalCounter;
import io.ringstream.flink.sla.operators.SubjectEvent;
import io.ringstream.flink.sla.operators.VerdictOrderFunction;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * The service-level job: SLA clocks detected with Flink CEP (warnings and breaches to supervisors
 * and routing, every verdict to {@code sla-events} and ClickHouse {@code sla_events}), and live
 * queue KPIs with Erlang C staffing (ClickHouse {@code queue_kpis}), all in event time.
 *
 * <p>Pipeline. Contact events, chat messages and agent events are decoded (rejects become dead
 * letters) and, per contact or agent, turned into clock signals by {@link ClockSignalFunction},
 * which reads the SLA policies from broadcast state and emits each clock's deadlines from timers.
 * The signals, keyed by subject and SLA kind, feed two CEP patterns ({@link SlaPatterns}):
 * warnings, and outcomes (breach, met, cancelled). Independently, contact and agent events become
 * per-queue facts ({@link ContactFactsFunction}, {@link AgentFactsFunction}) that {@link
 * QueueKpiFunction} folds into interval and sliding-window rows; per agent, its events and the
 * contact facts counted for it become interval and day rows ({@link AgentKpiFunction}, ClickHouse
 * {@code agent_kpis}).
 *
 * <p>It reports malformed SLA policies; malformed contact, chat and agent events are reported by
 * their topics' reporting readers. Sources and sinks come in through {@link Endpoints}; {@link
 * #production} wires the registry's.
 */
public final class ServiceLevelJob
        extends PipelineJob<ServiceLevelSettings, ServiceLevelJob.Endpoints> {
    public static final String JOB_NAME = "ringstream-sla-kpis";

    public static final JobDefinition<ServiceLevelSettings> DEFINITION =
            new JobDefinition<>(
                    JOB_NAME,
                    Components.SLA_JOB,
                    "ringstream-sla",
                    "RINGSTREAM_SLA_CHECKPOINT_DIR",
                    "RINGSTREAM_SLA_RESTORE_PATH",
                    List.of(
                            Topics.CONTACT_EVENTS,
                            Topics.INTERACTIONS,
                            Topics.AGENT_EVENTS,
                            Topics.SLA_POLICIES),
                    ServiceLevelSettings::from,
                    ServiceLevelJob::production);

    /** Signals the outcome pattern refused as late. */
    public static final OutputTag<SlaSignal> LATE_SIGNALS =
            new OutputTag<>("late-sla-signals", TypeInformation.of(SlaSignal.class));

    /**
     * The job's sources and sinks.
     *
     * @param slaEventsTopic every verdict (the {@code sla-events} topic in production)
     * @param alertsTopic warnings and breaches ({@code supervisor-alerts})
     * @param slaEventsTable every verdict ({@code sla_events})
     * @param kpiTable KPI rows ({@code queue_kpis})
     * @param agentKpiTable per-agent KPI rows ({@code agent_kpis}); at least once, exact under
     *     FINAL (a re-delivered row has its key and version)
     * @param deadLetters rejected records ({@code dead-letters})
     */
    public record Endpoints(
            Source<Decoded<ContactEvent>, ?, ?> contacts,
            Source<Decoded<InteractionEvent>, ?, ?> interactions,
            Source<Decoded<AgentEvent>, ?, ?> agents,
            Source<Decoded<SlaPolicy>, ?, ?> policies,
            Sink<SlaEvent> slaEventsTopic,
            Sink<SupervisorAlert> alertsTopic,
            Sink<SlaEvent> slaEventsTable,
            Sink<QueueKpiRow> kpiTable,
            Sink<AgentKpiRow> agentKpiTable,
            Sink<DeadLetter> deadLetters) {}

    public ServiceLevelJob(Endpoints endpoints, JobConfig<ServiceLevelSettings> config) {
        super(JOB_NAME, endpoints, config);
    }

    /** The registry's topics and tables. */
    public static ServiceLevelJob production(JobConfig<ServiceLevelSettings> config) {
        JobKafka kafka = JobKafka.of(config, Components.SLA_JOB);
        return new ServiceLevelJob(
                new Endpoints(
                        kafka.source(Topics.CONTACT_EVENTS),
                        kafka.source(Topics.INTERACTIONS),
                        kafka.source(Topics.AGENT_EVENTS),
                        kafka.source(Topics.SLA_POLICIES),
                        kafka.sink(Topics.SLA_EVENTS),
                        kafka.sink(Topics.SUPERVISOR_ALERTS),
                        ClickHouseSink.of(ServiceLevelTables.SLA_EVENTS, config),
                        ClickHouseSink.of(ServiceLevelTables.QUEUE_KPIS, config),
                        ClickHouseSink.of(ServiceLevelTables.AGENT_KPIS, config),
                        kafka.deadLetters()),
                config);
    }

    /**
     * Configuration from program arguments over environment variables. With a checkpoint dir and no
     * explicit restore path, a restart resumes from the newest checkpoint there (open clocks,
     * waiting contacts and interval counters survive).
     */
    public static void main(String[] args) throws Exception {
        DEFINITION.main(args);
    }

    @Override
    protected void build(StreamExecutionEnvironment env) {
        ServiceLevelSettings settings = settings();
        EventTime time = settings.eventTime();
        boolean advance = settings.advanceWhenSilent();
        DecodedInputs inputs = new DecodedInputs(env, "sla-");
        SingleOutputStreamOperator<ContactEvent> contacts =
                inputs.add(
                        endpoints().contacts(),
                        ContactEvent.class,
                        "contact-events",
                        time.live(ContactEvent::eventTime, advance));
        SingleOutputStreamOperator<InteractionEvent> interactions =
                inputs.add(
                        endpoints().interactions(),
                        InteractionEvent.class,
                        "interactions",
                        time.live(InteractionEvent::eventTime, advance));
        SingleOutputStreamOperator<AgentEvent> agents =
                inputs.add(
                        endpoints().agents(),
                        AgentEvent.class,
                        "agent-events",
                        time.live(AgentEvent::eventTime, advance));
        SingleOutputStreamOperator<SlaPolicy> policies =
                inputs.addConfiguration(endpoints().policies(), SlaPolicy.class, "policies");

        inputs.deadLetters()
                .sinkTo(endpoints().deadLetters())
                .uid("sla-dead-letters-sink")
                .name("dead-letters");

        buildSla(contacts, interactions, agents, policies);
        buildKpis(contacts, agents);
    }

    private void buildSla(
            DataStream<ContactEvent> contacts,
            DataStream<InteractionEvent> interactions,
            DataStream<AgentEvent> agents,
            DataStream<SlaPolicy> policies) {
        ServiceLevelSettings settings = settings();
        TypeInformation<SubjectEvent> subjectType = TypeInformation.of(SubjectEvent.class);
        DataStream<SubjectEvent> subjects =
                contacts.map(SubjectEvent::of)
                        .returns(subjectType)
                        .name("contact-subjects")
                        .union(
                                interactions
                                        .map(SubjectEvent::of)
                                        .returns(subjectType)
                                        .name("chat-subjects"),
                                agents.map(SubjectEvent::of)
                                        .returns(subjectType)
                                        .name("agent-subjects"));
        PolicyBook book =
                new PolicyBook(
                        new DefaultPolicies(
                                settings.kpis().targets()::thresholdSeconds,
                                settings.warningFraction()));
        KeyedStream<SlaSignal, String> signals =
                subjects.keyBy(SubjectEvent::key, Types.STRING)
                        .connect(policies.broadcast(ClockSignalFunction.POLICIES))
                        .process(new ClockSignalFunction(settings.slaSettings(), book))
                        .returns(TypeInformation.of(SlaSignal.class))
                        .uid("sla-clock-signals")
                        .name("sla-clock-signals")
                        .keyBy(SlaSignal::cepKey, Types.STRING);
        TypeInformation<SlaEvent> slaEventType = TypeInformation.of(SlaEvent.class);
        SingleOutputStreamOperator<SlaEvent> warnings =
                CEP.pattern(signals, SlaPatterns.warning(), new SignalOrder())
                        .inEventTime()
                        .process(new WarningFunction(), slaEventType)
                        .uid("sla-cep-warnings")
                        .name("sla-cep-warnings");
        SingleOutputStreamOperator<SlaEvent> outcomes =
                CEP.pattern(signals, SlaPatterns.outcome(), new SignalOrder())
                        .inEventTime()
                        .sideOutputLateData(LATE_SIGNALS)
                        .process(new OutcomeFunction(), slaEventType)
                        .uid("sla-cep-outcomes")
                        .name("sla-cep-outcomes");
        outcomes.getSideOutput(LATE_SIGNALS)
                .process(new LateSignalCounter())
                .uid("sla-late-signals")
                .name("sla-late-signals");

        DataStream<SlaEvent> verdicts =
                warnings.union(outcomes)
                        .keyBy(VerdictOrderFunction::keyOf, Types.STRING)
                        .process(new VerdictOrderFunction(), slaEventType)
                        .uid("sla-verdict-order")
                        .name("sla-verdict-order");
        verdicts.sinkTo(endpoints().slaEventsTopic()).uid("sla-events-topic").name("sla-events");
        verdicts.sinkTo(endpoints().slaEventsTable()).uid("sla-events-table").name("sla_events");
        verdicts.flatMap(new AlertFunction())
                .returns(TypeInformation.of(SupervisorAlert.class))
                .uid("sla-alerts")
                .name("sla-alerts")
                .sinkTo(endpoints().alertsTopic())
                .uid("supervisor-alerts-topic")
                .name("supervisor-alerts");
    }

    private void buildKpis(DataStream<ContactEvent> contacts, DataStream<AgentEvent> agents) {
        TypeInformation<KpiFact> factType = TypeInformation.of(KpiFact.class);
        DataStream<KpiFact> contactFacts =
                contacts.keyBy(ContactFactsFunction::keyOf, Types.STRING)
                        .process(
                                new ContactFactsFunction(
                                        settings().lingerAfterEnd(), settings().inactivity()),
                                factType)
                        .uid("kpi-contact-facts")
                        .name("kpi-contact-facts");
        DataStream<KpiFact> agentFacts =
                agents.keyBy(AgentFactsFunction::keyOf, Types.STRING)
                        .process(new AgentFactsFunction(), factType)
                        .uid("kpi-agent-facts")
                        .name("kpi-agent-facts");
        contactFacts
                // Facts that are an agent's only (offers, handling without a queue) stay out.
                .filter(KpiFact::forQueues)
                .uid("kpi-queue-facts")
                .name("kpi-queue-facts")
                .union(agentFacts)
                .keyBy(KpiFact::queueKey, Types.STRING)
                .process(
                        new QueueKpiFunction(
                                new QueueKpiAggregator(settings().kpis()), settings().kpiRefresh()),
                        TypeInformation.of(QueueKpiRow.class))
                .uid("kpi-queues")
                .name("kpi-queues")
                .sinkTo(endpoints().kpiTable())
                .uid("queue-kpis-table")
                .name("queue_kpis");

        TypeInformation<AgentKpiInput> inputType = TypeInformation.of(AgentKpiInput.class);
        contactFacts
                .filter(KpiFact::forAgents)
                .uid("kpi-agent-contact-facts")
                .name("kpi-agent-contact-facts")
                .map(AgentKpiInput::of)
                .returns(inputType)
                .uid("kpi-agent-inputs-contacts")
                .name("kpi-agent-inputs-contacts")
                .union(
                        agents.map(AgentKpiInput::of)
                                .returns(inputType)
                                .uid("kpi-agent-inputs-events")
                                .name("kpi-agent-inputs-events"))
                .keyBy(AgentKpiInput::key, Types.STRING)
                .process(
                        new AgentKpiFunction(
                                new AgentKpiAggregator(settings().kpis()), settings().kpiRefresh()),
                        TypeInformation.of(AgentKpiRow.class))
                .uid("kpi-agents")
                .name("kpi-agents")
                .sinkTo(endpoints().agentKpiTable())
                .uid("agent-kpis-table")
                .name("agent_kpis");
    }
}
