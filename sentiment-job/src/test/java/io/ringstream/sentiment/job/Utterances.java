package io.ringstream.sentiment.job;

import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.Speaker;
import java.util.Map;

/** Builds the events the sentiment job's tests feed it. */
public final class Utterances {
    /** 2024-03-01T10:00:00Z: a fixed, realistic event time. */
    public static final long T0 = 1_709_287_200_000L;

    private Utterances() {}

    public static InteractionEvent chat(
            String tenant, String contact, Speaker speaker, long time, String text, String lang) {
        return new InteractionEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of("test", tenant, contact, Long.toString(time), text),
                InteractionType.CHAT_MESSAGE,
                tenant,
                contact,
                Channel.CHAT,
                time,
                "webchat",
                speaker,
                text,
                lang,
                Map.of());
    }

    public static ScoredUtterance scored(
            String tenant, String contact, String speaker, long time, Double score) {
        return new ScoredUtterance(
                EventIds.of("scored", tenant, contact, Long.toString(time)),
                tenant,
                contact,
                "CHAT",
                "CHAT_MESSAGE",
                speaker,
                time,
                "webchat",
                "text at " + time,
                score == null ? null : "en",
                score == null ? "UNDETERMINED" : "DETECTED",
                score == null ? null : "test-model",
                score,
                score == null ? null : "NEUTRAL",
                score == null ? null : 0.9,
                score == null ? "language not determined" : null,
                time,
                0.1);
    }

    public static ContactEvent contact(
            String tenant,
            String contact,
            ContactEventType type,
            long time,
            String queue,
            String agent) {
        return ContactEvent.builder(type, contact)
                .eventId(EventIds.of("contact", tenant, contact, type.name(), Long.toString(time)))
                .tenant(tenant)
                .channel(Channel.CHAT)
                .eventTime(time)
                .source("test")
                .queue(queue)
                .agentId(agent)
                .build();
    }
}
