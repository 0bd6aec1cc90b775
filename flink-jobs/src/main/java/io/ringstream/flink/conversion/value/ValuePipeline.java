package io.ringstream.flink.conversion.value;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.flink.conversion.ConversionSettings;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The customer-value half of the conversion job: RFM rescored as bookings arrive, CLV refits. Both
 * inputs are keyed by tenant into {@link CustomerValueFunction}: the gated bookings, and the
 * erasures and merges that drop or fold a customer's purchases.
 */
public final class ValuePipeline {
    private ValuePipeline() {}

    /** What the half writes. */
    public record Outputs(
            DataStream<CustomerValueRow> values,
            DataStream<CustomerValueFitRow> fits,
            DataStream<CustomerValueDayRow> days) {}

    public static Outputs build(
            DataStream<BusinessEvent> known,
            DataStream<CustomerChange> changes,
            ConversionSettings settings) {
        DataStream<BusinessEvent> bookings =
                known.filter(e -> e.type() == BusinessEventType.BOOKING_MADE)
                        .uid("conversions-value-bookings")
                        .name("bookings");
        DataStream<CustomerChange> dropsAndMerges =
                changes.filter(
                                c ->
                                        c.type() == CustomerChangeType.ERASED
                                                || c.type() == CustomerChangeType.MERGED)
                        .uid("conversions-value-erasures-merges")
                        .name("erasures-and-merges");
        SingleOutputStreamOperator<CustomerValueRow> values =
                bookings.keyBy(BusinessEvent::tenant)
                        .connect(dropsAndMerges.keyBy(CustomerChange::tenant))
                        .process(
                                new CustomerValueFunction(
                                        settings.rescoreDelay(),
                                        settings.refitInterval(),
                                        settings.rfmSegments()))
                        .returns(CustomerValueRow.class)
                        .uid("conversions-customer-value")
                        .name("customer-value");
        return new Outputs(
                values,
                values.getSideOutput(CustomerValueFunction.FITS),
                values.getSideOutput(CustomerValueFunction.DAYS));
    }
}
