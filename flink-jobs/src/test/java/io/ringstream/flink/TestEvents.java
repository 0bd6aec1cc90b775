package io.ringstream.flink;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import java.util.Map;

/** Builds valid contact and agent events for tests, with ids derived like a real source's. */
public final class TestEvents {
    private TestEvents() {}

    /** 2024-03-01T10:00:00Z, the start of a 15-minute interval. */
    public static final long T0 = 1_709_287_200_000L;

    public static ContactEvent.Builder contact(
            String tenant, String contactId, ContactEventType type, long eventTime) {
        return ContactEvent.builder(type, contactId)
                .tenant(tenant)
                .eventId(
                        EventIds.of(
                                "test", tenant, contactId, type.name(), Long.toString(eventTime)))
                .eventTime(eventTime)
                .source("test");
    }

    public static ContactEvent queued(String tenant, String contactId, String queue, long at) {
        return contact(tenant, contactId, ContactEventType.QUEUED, at).queue(queue).build();
    }

    public static ContactEvent answered(
            String tenant, String contactId, String queue, long at, Long waitMillis) {
        return contact(tenant, contactId, ContactEventType.ANSWERED, at)
                .queue(queue)
                .agentId("agent-1")
                .waitMillis(waitMillis)
                .build();
    }

    public static ContactEvent abandoned(
            String tenant, String contactId, String queue, long at, long waitMillis) {
        return contact(tenant, contactId, ContactEventType.ABANDONED, at)
                .queue(queue)
                .waitMillis(waitMillis)
                .build();
    }

    public static ContactEvent talkEnded(
            String tenant, String contactId, long at, long durationMillis) {
        return contact(tenant, contactId, ContactEventType.TALK_ENDED, at)
                .agentId("agent-1")
                .durationMillis(durationMillis)
                .build();
    }

    public static ContactEvent ended(String tenant, String contactId, long at) {
        return contact(tenant, contactId, ContactEventType.ENDED, at).build();
    }

    public static ContactEvent arrived(String tenant, String contactId, long at) {
        return contact(tenant, contactId, ContactEventType.ARRIVED, at)
                .attributes(Map.of("ani", "+15550100"))
                .build();
    }

    public static AgentEvent agent(String tenant, String agentId, AgentEventType type, long at) {
        return new AgentEvent(
                1,
                EventIds.of("test", tenant, agentId, type.name(), Long.toString(at)),
                type,
                tenant,
                agentId,
                at,
                "test",
                null,
                type == AgentEventType.NOT_READY ? "break" : null,
                type == AgentEventType.LOGGED_IN ? Map.of("sales", 3) : Map.of(),
                Map.of());
    }
}
