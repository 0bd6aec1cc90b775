package io.ringstream.flink.conversion.value;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.events.EventIds;
import java.util.Map;

/** Business events and customer changes for the value tests, valid by their own rules. */
public final class ValueFixtures {
    public static final long DAY = 86_400_000L;

    private ValueFixtures() {}

    public static BusinessEvent booking(
            String tenant, String customerId, long at, long amountMinor, String currency) {
        return event(BusinessEventType.BOOKING_MADE, tenant, customerId, at, amountMinor, currency);
    }

    public static BusinessEvent event(
            BusinessEventType type,
            String tenant,
            String customerId,
            long at,
            Long amountMinor,
            String currency) {
        return new BusinessEvent(
                1,
                EventIds.of(tenant, customerId, type.name(), Long.toString(at), "" + amountMinor),
                type,
                tenant,
                customerId,
                null,
                at,
                "test",
                null,
                type == BusinessEventType.STAGE_CHANGED ? "won" : null,
                amountMinor,
                currency,
                Map.of());
    }

    public static CustomerChange change(
            CustomerChangeType type, String tenant, String customerId, String mergedInto) {
        return new CustomerChange(
                1,
                EventIds.of("customers", tenant, customerId, type.name()),
                type,
                tenant,
                customerId,
                1_000,
                "test",
                1,
                "Someone",
                null,
                null,
                null,
                Map.of(),
                null,
                Map.of(),
                null,
                mergedInto,
                "test",
                1_000);
    }

    public static CustomerChange created(String tenant, String customerId) {
        return change(CustomerChangeType.CREATED, tenant, customerId, null);
    }
}
