package io.ringstream.testkit;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.SlaKind;
import io.ringstream.events.SlaPolicy;
import io.ringstream.events.Speaker;
import java.util.Map;

/**
 * Builds valid contact, agent and chat events and SLA policies for tests, with ids derived like a
 * real source's, so every module's tests speak of the same events the same way.
 */
public final class TestEvents {
    private TestEvents() {}

    /** 2024-03-01T10:00:00Z, the start of a 15-minute interval. */
    public static final long T0 = 1_709_287_200_000L;

    private static final long INTERVAL = 15 * 60_000L;

    /**
     * The start of a 15-minute interval between 15 and 30 minutes ahead of the wall clock. A job
     * test that scripts minutes of event time against a live job dates its events from here: events
     * ahead of the wall clock drive the watermark on their own ({@code LiveWatermarks} never moves
     * a silent partition past them), while events dated in the past would be overtaken by the wall
     * clock as soon as a partition falls silent.
     */
    public static long intervalAheadOfTheWallClock() {
        long now = System.currentTimeMillis();
        return (now / INTERVAL + 2) * INTERVAL;
    }

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

    /** An agent event for all the agent's queues; LOGGED_IN carries a sales skill. */
    public static AgentEvent agent(String tenant, String agentId, AgentEventType type, long at) {
        return new AgentEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
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

    /** An agent event for one queue ({@code queue} null: all the agent's queues). */
    public static AgentEvent agent(
            String tenant, String agentId, AgentEventType type, String queue, long at) {
        return new AgentEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of(
                        "test-agent",
                        tenant,
                        agentId,
                        type.name(),
                        String.valueOf(queue),
                        Long.toString(at)),
                type,
                tenant,
                agentId,
                at,
                "test",
                queue,
                type == AgentEventType.NOT_READY ? "break" : null,
                Map.of(),
                Map.of());
    }

    /** A chat message of a conversation, in English. */
    public static InteractionEvent chat(String tenant, String contactId, Speaker speaker, long at) {
        return new InteractionEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of("test-chat", tenant, contactId, speaker.name(), Long.toString(at)),
                InteractionType.CHAT_MESSAGE,
                tenant,
                contactId,
                Channel.CHAT,
                at,
                "test",
                speaker,
                speaker == Speaker.CUSTOMER ? "hello?" : "how can I help?",
                "en",
                Map.of());
    }

    /** An SLA policy published at {@link #T0}; null queue or channel matches any. */
    public static SlaPolicy policy(
            String tenant,
            String id,
            SlaKind kind,
            String queue,
            Channel channel,
            long seconds,
            Double warning) {
        return SlaPolicy.of(
                EventIds.of("policy", tenant, id, Long.toString(seconds)),
                tenant,
                T0,
                "test",
                id,
                kind,
                queue,
                channel,
                null,
                seconds,
                warning);
    }
}
