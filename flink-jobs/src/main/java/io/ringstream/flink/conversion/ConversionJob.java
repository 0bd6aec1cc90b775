package io.ringstream.flink.conversion;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.conversion.funnel.FunnelAgentDayRow;
import io.ringstream.flink.conversion.funnel.FunnelChannelDayRow;
import io.ringstream.flink.conversion.funnel.FunnelPipeline;
import io.ringstream.flink.conversion.funnel.FunnelProgressRow;
import io.ringstream.flink.conversion.funnel.FunnelStatsRow;
import io.ringstream.flink.conversion.value.CustomerGate;
import io.ringstream.flink.conversion.value.CustomerValueDayRow;
import io.ringstream.flink.conversion.value.CustomerValueFitRow;
import io.ringstream.flink.conversion.value.CustomerValueRow;
import io.ringstream.flink.conversion.value.ValuePipeline;
import io.ringstream.flink.kit.clickhouse.ClickHouseSink;
import io.ringstream.flink.kit.kafka.Decoded;
import io.ringstream.flink.kit.kafka.DecodedInputs;
import io.ringstream.flink.kit.kafka.JobKafka;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.kit.runtime.JobDefinition;
import io.ringstream.flink.kit.runtime.PipelineJob;
import io.ringstream.flink.kit.time.EventTime;
import io.ringstream.flink.kit.time.NoEventTime;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The conversion job: what converts and who is worth it. Live conversion funnels per customer
 * ({@code funnel_progress}, {@code funnel_stats}), and RFM segments with customer lifetime value
 * ({@code customer_value}, {@code customer_value_fits}), all from the contact and business events
 * in event time (docs/funnels.md, docs/customer-value.md, docs/rfm.md).
 *
 * <p>Pipeline. Business events pass {@link CustomerGate} first: one naming a customer that no
 * customer change has named within a grace period is dead-lettered, once, with its reason. The
 * known ones feed both halves. {@link FunnelPipeline} keeps each customer's progress through every
 * active funnel (definitions from the {@code funnel-definitions} topic, in broadcast state) and the
 * live counts per day and credited cell. {@link ValuePipeline} keeps each tenant's customers'
 * purchase summaries, rescoring RFM as bookings arrive and refitting BG/NBD and Gamma-Gamma on a
 * schedule.
 *
 * <p>It reports malformed funnel definitions (it is that topic's reporting reader); malformed
 * contact, business and customer-change records are reported by their topics' reporting readers.
 * Every table is a ReplacingMergeTree written at least once with growing versions.
 */
public final class ConversionJob extends PipelineJob<ConversionSettings, ConversionJob.Endpoints> {
    public static final String JOB_NAME = "ringstream-conversions";

    public static final JobDefinition<ConversionSettings> DEFINITION =
            new JobDefinition<>(
                    JOB_NAME,
                    Components.CONVERSION_JOB,
                    "ringstream-conversions",
                    "RINGSTREAM_CONVERSIONS_CHECKPOINT_DIR",
                    "RINGSTREAM_CONVERSIONS_RESTORE_PATH",
                    List.of(
                            Topics.CONTACT_EVENTS,
                            Topics.BUSINESS_EVENTS,
                            Topics.CUSTOMER_CHANGES,
                            Topics.FUNNEL_DEFINITIONS),
                    ConversionSettings::from,
                    ConversionJob::production);

    /**
     * The job's sources and sinks.
     *
     * @param deadLetters rejected records: malformed funnel definitions, business events of unknown
     *     customers ({@code dead-letters})
     */
    public record Endpoints(
            Source<Decoded<ContactEvent>, ?, ?> contacts,
            Source<Decoded<BusinessEvent>, ?, ?> business,
            Source<Decoded<CustomerChange>, ?, ?> customerChanges,
            Source<Decoded<FunnelDefinition>, ?, ?> funnels,
            Sink<FunnelProgressRow> progressTable,
            Sink<FunnelStatsRow> statsTable,
            Sink<FunnelChannelDayRow> channelDaysTable,
            Sink<FunnelAgentDayRow> agentDaysTable,
            Sink<CustomerValueRow> valueTable,
            Sink<CustomerValueFitRow> fitTable,
            Sink<CustomerValueDayRow> dayTable,
            Sink<DeadLetter> deadLetters) {}

    public ConversionJob(Endpoints endpoints, JobConfig<ConversionSettings> config) {
        super(JOB_NAME, endpoints, config);
    }

    /** The registry's topics and tables. */
    public static ConversionJob production(JobConfig<ConversionSettings> config) {
        JobKafka kafka = JobKafka.of(config, Components.CONVERSION_JOB);
        return new ConversionJob(
                new Endpoints(
                        kafka.source(Topics.CONTACT_EVENTS),
                        kafka.source(Topics.BUSINESS_EVENTS),
                        kafka.source(Topics.CUSTOMER_CHANGES),
                        kafka.source(Topics.FUNNEL_DEFINITIONS),
                        ClickHouseSink.of(ConversionTables.FUNNEL_PROGRESS, config),
                        ClickHouseSink.of(ConversionTables.FUNNEL_STATS, config),
                        ClickHouseSink.of(ConversionTables.FUNNEL_CHANNEL_DAYS, config),
                        ClickHouseSink.of(ConversionTables.FUNNEL_AGENT_DAYS, config),
                        ClickHouseSink.of(ConversionTables.CUSTOMER_VALUE, config),
                        ClickHouseSink.of(ConversionTables.CUSTOMER_VALUE_FITS, config),
                        ClickHouseSink.of(ConversionTables.CUSTOMER_VALUE_DAYS, config),
                        kafka.deadLetters()),
                config);
    }

    /** Configuration from program arguments over environment variables. */
    public static void main(String[] args) throws Exception {
        DEFINITION.main(args);
    }

    @Override
    protected void build(StreamExecutionEnvironment env) {
        ConversionSettings settings = settings();
        EventTime time = settings.eventTime();
        boolean advance = settings.advanceWhenSilent();
        DecodedInputs inputs = new DecodedInputs(env, "conversions-");
        SingleOutputStreamOperator<ContactEvent> contacts =
                inputs.add(
                        endpoints().contacts(),
                        ContactEvent.class,
                        "contact-events",
                        time.live(ContactEvent::eventTime, advance));
        SingleOutputStreamOperator<BusinessEvent> business =
                inputs.add(
                        endpoints().business(),
                        BusinessEvent.class,
                        "business-events",
                        time.live(BusinessEvent::eventTime, advance));
        SingleOutputStreamOperator<CustomerChange> changes =
                inputs.add(
                        endpoints().customerChanges(),
                        CustomerChange.class,
                        "customer-changes",
                        NoEventTime.strategy());
        SingleOutputStreamOperator<FunnelDefinition> funnels =
                inputs.addConfiguration(
                        endpoints().funnels(), FunnelDefinition.class, "funnel-definitions");

        SingleOutputStreamOperator<BusinessEvent> known =
                CustomerGate.apply(business, changes, settings);

        FunnelPipeline.Outputs funnelRows =
                FunnelPipeline.build(contacts, known, changes, funnels, settings);
        funnelRows
                .progress()
                .sinkTo(endpoints().progressTable())
                .uid("conversions-funnel-progress-table")
                .name("funnel_progress");
        funnelRows
                .stats()
                .sinkTo(endpoints().statsTable())
                .uid("conversions-funnel-stats-table")
                .name("funnel_stats");
        funnelRows
                .channelDays()
                .sinkTo(endpoints().channelDaysTable())
                .uid("conversions-funnel-channel-days-table")
                .name("funnel_channel_days");
        funnelRows
                .agentDays()
                .sinkTo(endpoints().agentDaysTable())
                .uid("conversions-funnel-agent-days-table")
                .name("funnel_agent_days");

        ValuePipeline.Outputs valueRows = ValuePipeline.build(known, changes, settings);
        valueRows
                .values()
                .sinkTo(endpoints().valueTable())
                .uid("conversions-customer-value-table")
                .name("customer_value");
        valueRows
                .fits()
                .sinkTo(endpoints().fitTable())
                .uid("conversions-customer-value-fits-table")
                .name("customer_value_fits");
        valueRows
                .days()
                .sinkTo(endpoints().dayTable())
                .uid("conversions-customer-value-days-table")
                .name("customer_value_days");

        DataStream<DeadLetter> gateLetters = known.getSideOutput(CustomerGate.DEAD_LETTERS);
        inputs.deadLetters(gateLetters)
                .sinkTo(endpoints().deadLetters())
                .uid("conversions-dead-letters-sink")
                .name("dead-letters");
    }
}
