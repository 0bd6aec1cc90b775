package io.ringstream.flink.sla;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.SlaEvent.SubjectType;
import io.ringstream.events.SlaKind;
import io.ringstream.events.SlaPolicy;
import io.ringstream.events.Speaker;
import io.ringstream.flink.sla.clock.SignalType;
import io.ringstream.flink.sla.clock.SlaSignal;
import java.util.Map;

/** Valid events, policies and signals for SLA tests, with ids derived like a real source's. */
public final class SlaFixtures {
    private SlaFixtures() {}

    /** 2024-03-01T10:00:00Z. */
    public static final long T0 = 1_709_287_200_000L;

    public static final String TENANT = "acme";

    public static ContactEvent.Builder contact(
            String contactId, ContactEventType type, long at, Channel channel) {
        return ContactEvent.builder(type, contactId)
                .tenant(TENANT)
                .eventId(EventIds.of("test", contactId, type.name(), Long.toString(at)))
                .eventTime(at)
                .channel(channel)
                .source("test");
    }

    public static ContactEvent event(String contactId, ContactEventType type, long at) {
        return contact(contactId, type, at, Channel.VOICE).build();
    }

    public static ContactEvent queued(String contactId, String queue, long at) {
        return contact(contactId, ContactEventType.QUEUED, at, Channel.VOICE).queue(queue).build();
    }

    public static ContactEvent answered(String contactId, String queue, long at, long wait) {
        return contact(contactId, ContactEventType.ANSWERED, at, Channel.VOICE)
                .queue(queue)
                .agentId("agent-1")
                .waitMillis(wait)
                .build();
    }

    public static ContactEvent abandoned(String contactId, String queue, long at, long wait) {
        return contact(contactId, ContactEventType.ABANDONED, at, Channel.VOICE)
                .queue(queue)
                .waitMillis(wait)
                .build();
    }

    public static InteractionEvent chat(String contactId, Speaker speaker, long at) {
        return new InteractionEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of("test-chat", contactId, speaker.name(), Long.toString(at)),
                InteractionType.CHAT_MESSAGE,
                TENANT,
                contactId,
                Channel.CHAT,
                at,
                "test",
                speaker,
                speaker == Speaker.CUSTOMER ? "hello?" : "how can I help?",
                "en",
                Map.of());
    }

    public static AgentEvent agent(String agentId, AgentEventType type, String queue, long at) {
        return new AgentEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of(
                        "test-agent",
                        agentId,
                        type.name(),
                        String.valueOf(queue),
                        Long.toString(at)),
                type,
                TENANT,
                agentId,
                at,
                "test",
                queue,
                type == AgentEventType.NOT_READY ? "break" : null,
                Map.of(),
                Map.of());
    }

    public static SlaPolicy policy(
            String id, SlaKind kind, String queue, Channel channel, long seconds, Double warning) {
        return SlaPolicy.of(
                EventIds.of("policy", id, Long.toString(seconds)),
                TENANT,
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

    /** A START of an answer clock for contact {@code c} in queue sales. */
    public static SlaSignal start(String c, long at, long threshold, long warnAfter) {
        return new SlaSignal(
                SignalType.START,
                TENANT,
                SubjectType.CONTACT,
                c,
                SlaKind.ANSWER,
                EventIds.of(c, "clock", Long.toString(at)),
                at,
                at,
                "p-sales",
                threshold,
                warnAfter,
                c,
                null,
                "sales",
                Channel.VOICE,
                null,
                null,
                false);
    }

    /** A STOP, CANCEL or SUPERSEDE of contact {@code c}'s answer clock. */
    public static SlaSignal end(String c, SignalType type, long at, String reason) {
        return new SlaSignal(
                type,
                TENANT,
                SubjectType.CONTACT,
                c,
                SlaKind.ANSWER,
                null,
                at,
                0,
                null,
                0,
                0,
                c,
                type == SignalType.STOP ? "agent-7" : null,
                "sales",
                Channel.VOICE,
                null,
                reason,
                false);
    }
}
