package io.ringstream.flink.conversion.funnel;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.flink.conversion.ConversionSettings;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The funnel half of the conversion job: each customer's progress, and the live counts. */
public final class FunnelPipeline {
    private FunnelPipeline() {}

    /** What the half writes. */
    public record Outputs(
            DataStream<FunnelProgressRow> progress, DataStream<FunnelStatsRow> stats) {}

    public static Outputs build(
            DataStream<ContactEvent> contacts,
            DataStream<BusinessEvent> business,
            DataStream<CustomerChange> changes,
            DataStream<FunnelDefinition> funnels,
            ConversionSettings settings) {
        throw new UnsupportedOperationException("issue 11: the funnel pipeline is being built");
    }
}
