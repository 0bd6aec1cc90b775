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

    /** The key both inputs meet on: a customer of a tenant. */
    static String key(String tenant, String customerId) {
        return tenant + "|" + customerId;
    }

    /** The known customers' business events; refused ones on {@link #DEAD_LETTERS}. */
    public static SingleOutputStreamOperator<BusinessEvent> apply(
            DataStream<BusinessEvent> business,
            DataStream<CustomerChange> changes,
            ConversionSettings settings) {
        return business.keyBy(e -> key(e.tenant(), e.customerId()))
                .connect(changes.keyBy(c -> key(c.tenant(), c.customerId())))
                .process(new CustomerGateFunction(settings.unknownCustomerGrace()))
                .returns(BusinessEvent.class)
                .uid("conversions-customer-gate")
                .name("customer-gate");
    }
}
