package io.ringstream.gateway.hub;

import io.ringstream.channels.ChannelEvents;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.topics.Components;
import java.util.Map;

/**
 * The contact events of a conversation's life (QUEUED, IDENTIFIED, ANSWERED, ABANDONED, ENDED). Ids
 * derive from the contact, the type and, for ANSWERED, the agent, so a repeat is recognisable.
 */
final class ContactEvents {
    private ContactEvents() {}

    static ContactEvent queued(Conversation c, long now) {
        return builder(c, ContactEventType.QUEUED, now).build();
    }

    static ContactEvent identified(Conversation c, long now) {
        return builder(c, ContactEventType.IDENTIFIED, now).build();
    }

    static ContactEvent answered(Conversation c, long now) {
        return builder(c, ContactEventType.ANSWERED, now, c.agentId)
                .waitMillis(waitSince(c, now))
                .build();
    }

    static ContactEvent abandoned(Conversation c, long now) {
        return builder(c, ContactEventType.ABANDONED, now).waitMillis(waitSince(c, now)).build();
    }

    static ContactEvent ended(Conversation c, long now, String reason) {
        return builder(c, ContactEventType.ENDED, now)
                .durationMillis(c.answeredAt > 0 ? now - c.answeredAt : null)
                .reason(reason)
                .build();
    }

    /** What every event of the conversation says of it; {@code idParts} tell repeats apart. */
    private static ContactEvent.Builder builder(
            Conversation c, ContactEventType type, long now, String... idParts) {
        String[] parts = new String[4 + idParts.length];
        parts[0] = Components.CHANNEL_GATEWAY;
        parts[1] = c.tenant;
        parts[2] = c.id;
        parts[3] = type.name();
        System.arraycopy(idParts, 0, parts, 4, idParts.length);
        return ContactEvent.builder(type, c.id)
                .eventId(EventIds.of(parts))
                .tenant(c.tenant)
                .channel(c.channel)
                .eventTime(now)
                .source(source(c))
                .queue(c.queue)
                .agentId(c.agentId)
                .customerId(c.customerId)
                .attributes(Map.of(ChannelEvents.PROVIDER, c.providerName().toLowerCase()));
    }

    private static long waitSince(Conversation c, long now) {
        return Math.max(0, now - c.queuedAt);
    }

    /** {@code webchat}, or {@code whatsapp:<account>} / {@code instagram:<account>}. */
    static String source(Conversation c) {
        return c.provider == null
                ? ChannelEvents.WEBCHAT_SOURCE
                : c.provider.id() + ":" + c.accountId;
    }
}
