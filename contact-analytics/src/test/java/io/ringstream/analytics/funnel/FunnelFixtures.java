package io.ringstream.analytics.funnel;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.Attribution;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.FunnelDefinition.Step;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.Tenants;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Events of one customer and small funnels over them, for the funnel tests. */
final class FunnelFixtures {
    static final String CUSTOMER = "c-1";
    static final long T0 = 1_700_000_000_000L;
    private static final AtomicInteger IDS = new AtomicInteger();

    private FunnelFixtures() {}

    /** Steps A → B → C on business event types LEAD_CREATED, BOOKING_MADE, PAYMENT_COMPLETED. */
    static FunnelDefinition abc(long windowMillis, OrderMode mode) {
        return new FunnelDefinition(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                "f",
                Tenants.DEFAULT,
                T0,
                "test",
                "abc",
                "ABC",
                List.of(
                        Step.business("A", BusinessEventType.LEAD_CREATED),
                        Step.business("B", BusinessEventType.BOOKING_MADE),
                        Step.business("C", BusinessEventType.PAYMENT_COMPLETED)),
                windowMillis,
                mode,
                Attribution.LAST_TOUCH,
                true);
    }

    static BusinessEvent business(BusinessEventType type, long time) {
        return business(type, time, null, null, Map.of());
    }

    static BusinessEvent a(long time) {
        return business(BusinessEventType.LEAD_CREATED, time);
    }

    static BusinessEvent b(long time) {
        return business(BusinessEventType.BOOKING_MADE, time);
    }

    static BusinessEvent c(long time) {
        return business(BusinessEventType.PAYMENT_COMPLETED, time);
    }

    /** An event no step of {@link #abc} matches. */
    static BusinessEvent other(long time) {
        return business(BusinessEventType.STAGE_CHANGED, time, "QUALIFIED", null, Map.of());
    }

    static BusinessEvent business(
            BusinessEventType type,
            long time,
            String stage,
            String contactId,
            Map<String, String> attributes) {
        boolean money =
                type == BusinessEventType.BOOKING_MADE
                        || type == BusinessEventType.PAYMENT_COMPLETED;
        return new BusinessEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                "b-" + IDS.incrementAndGet(),
                type,
                Tenants.DEFAULT,
                CUSTOMER,
                contactId,
                time,
                "test",
                "lead-1",
                type == BusinessEventType.STAGE_CHANGED && stage == null ? "CONTACTED" : stage,
                money ? 1000L : null,
                money ? "EUR" : null,
                attributes);
    }

    static ContactEvent answered(String contactId, String agent, Channel channel, long time) {
        return ContactEvent.builder(ContactEventType.ANSWERED, contactId)
                .eventId("c-" + IDS.incrementAndGet())
                .channel(channel)
                .eventTime(time)
                .source("test")
                .queue("sales")
                .agentId(agent)
                .customerId(CUSTOMER)
                .waitMillis(1000L)
                .build();
    }
}
