package io.ringstream.routing.crm;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.routing.live.Assignments;
import java.util.Map;

/** Builds the CRM's business events, for tests of the service that shows them to agents. */
public final class CrmEvents {
    private CrmEvents() {}

    /** A new lead {@code customerId} with its attributes (name, tier, ...). */
    public static BusinessEvent lead(
            String eventId, String tenant, String customerId, Map<String, String> attributes) {
        return new BusinessEvent(
                1,
                eventId,
                BusinessEventType.LEAD_CREATED,
                tenant,
                customerId,
                null,
                Assignments.T0,
                "crm:test",
                null,
                null,
                null,
                null,
                attributes);
    }
}
