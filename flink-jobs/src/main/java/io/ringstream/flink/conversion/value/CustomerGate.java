package io.ringstream.flink.conversion.value;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.DeadLetter;
import io.ringstream.flink.conversion.ConversionSettings;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Lets through the business events of customers the customer records know, and dead-letters the
 * others once, with their reason: a customer no customer change has named within the grace period
 * (unknown, or erased).
 */
public final class CustomerGate {
    /** Business events refused, as dead letters. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("conversion-gate-dead-letters", TypeInformation.of(DeadLetter.class));

    private CustomerGate() {}

    /** The known customers' business events; refused ones on {@link #DEAD_LETTERS}. */
    public static SingleOutputStreamOperator<BusinessEvent> apply(
            DataStream<BusinessEvent> business,
            DataStream<CustomerChange> changes,
            ConversionSettings settings) {
        throw new UnsupportedOperationException("issue 11: the gate is being built");
    }
}
