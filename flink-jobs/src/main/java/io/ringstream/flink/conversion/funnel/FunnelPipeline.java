package io.ringstream.flink.conversion.funnel;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.flink.conversion.ConversionSettings;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The funnel half of the conversion job: each customer's progress, and the live counts.
 *
 * <p>Contact events that name a customer, the gated business events and the customer changes become
 * one input keyed by {@code tenant|customerId}, connected with the funnel definitions as broadcast
 * state; {@link FunnelProgressFunction} writes {@code funnel_progress} rows and sends each row's
 * episode to the stats operator, which writes {@code funnel_stats} and its sums per channel and per
 * agent ({@code funnel_channel_days}, {@code funnel_agent_days}; docs/funnels.md).
 */
public final class FunnelPipeline {
    private FunnelPipeline() {}

    /**
     * What the half writes.
     *
     * @param channelDays {@code funnel_stats} summed per channel and campaign, written with it
     * @param agentDays {@code funnel_stats} summed per agent, written with it
     * @param late events too late for their customer's funnels ({@link
     *     FunnelProgressFunction#LATE_EVENTS}): valid data, already in the raw archive, so only
     *     counted; tests read them
     */
    public record Outputs(
            DataStream<FunnelProgressRow> progress,
            DataStream<FunnelStatsRow> stats,
            DataStream<FunnelChannelDayRow> channelDays,
            DataStream<FunnelAgentDayRow> agentDays,
            DataStream<FunnelInput> late) {}

    public static Outputs build(
            DataStream<ContactEvent> contacts,
            DataStream<BusinessEvent> business,
            DataStream<CustomerChange> changes,
            DataStream<FunnelDefinition> funnels,
            ConversionSettings settings) {
        DataStream<FunnelInput> inputs =
                contacts.filter(c -> c.customerId() != null)
                        .name("funnel-contacts-with-customer")
                        .uid("conversions-funnel-contacts-with-customer")
                        .map(FunnelInput::of)
                        .returns(FunnelInput.TYPE)
                        .name("funnel-contacts")
                        .uid("conversions-funnel-contacts")
                        .union(
                                business.map(FunnelInput::of)
                                        .returns(FunnelInput.TYPE)
                                        .name("funnel-business")
                                        .uid("conversions-funnel-business"),
                                changes.map(FunnelInput::of)
                                        .returns(FunnelInput.TYPE)
                                        .name("funnel-customer-changes")
                                        .uid("conversions-funnel-customer-changes"));
        BroadcastStream<FunnelDefinition> definitions =
                funnels.broadcast(FunnelProgressFunction.DEFINITIONS);
        SingleOutputStreamOperator<FunnelProgressRow> progress =
                inputs.keyBy(FunnelInput::key)
                        .connect(definitions)
                        .process(new FunnelProgressFunction(settings.funnelLateness()))
                        .returns(FunnelProgressRow.class)
                        .name("funnel-progress")
                        .uid("conversions-funnel-progress");
        DataStream<FunnelEpisode> episodes =
                progress.getSideOutput(FunnelProgressFunction.EPISODES);
        SingleOutputStreamOperator<FunnelStatsRow> stats =
                FunnelStatsFunction.apply(episodes, settings);
        return new Outputs(
                progress,
                stats,
                stats.getSideOutput(FunnelStatsFunction.CHANNEL_DAYS),
                stats.getSideOutput(FunnelStatsFunction.AGENT_DAYS),
                progress.getSideOutput(FunnelProgressFunction.LATE_EVENTS));
    }
}
