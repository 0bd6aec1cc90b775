package io.ringstream.flink.routing;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.SupervisorAlert;

/**
 * One input of the routing job, whichever topic it came from, so the four sources can be merged
 * into one stream keyed by tenant and applied in arrival order. Exactly one event field is set.
 */
public record RoutingInput(
        String tenant,
        RoutingCommand command,
        ContactEvent contactEvent,
        BusinessEvent businessEvent,
        SupervisorAlert alert) {

    public static RoutingInput of(RoutingCommand c) {
        return new RoutingInput(c.tenant(), c, null, null, null);
    }

    public static RoutingInput of(ContactEvent e) {
        return new RoutingInput(e.tenant(), null, e, null, null);
    }

    public static RoutingInput of(BusinessEvent e) {
        return new RoutingInput(e.tenant(), null, null, e, null);
    }

    public static RoutingInput of(SupervisorAlert a) {
        return new RoutingInput(a.tenant(), null, null, null, a);
    }
}
