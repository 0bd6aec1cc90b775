package io.ringstream.flink.conversion.value;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.CustomerChange;
import io.ringstream.flink.conversion.ConversionSettings;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The customer-value half of the conversion job: RFM rescored as bookings arrive, CLV refits. */
public final class ValuePipeline {
    private ValuePipeline() {}

    /** What the half writes. */
    public record Outputs(
            DataStream<CustomerValueRow> values, DataStream<CustomerValueFitRow> fits) {}

    public static Outputs build(
            DataStream<BusinessEvent> known,
            DataStream<CustomerChange> changes,
            ConversionSettings settings) {
        throw new UnsupportedOperationException("issue 11: the value pipeline is being built");
    }
}
