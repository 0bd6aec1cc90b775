package io.ringstream.gateway.hub;

import io.ringstream.channels.ChannelEvents;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.topics.Components;
import java.util.Map;

/**
 * The contact events of a conversation's life (QUEUED, IDENTIFIED, ANSWERED, ABANDONED, ENDED). Ids
 * derive from the contact, the type and, for ANSWERED, the agent, so a repeat is recognisable.
 */
final class ContactEvents {
    private ContactEvents() {}

    static ContactEvent of(Conversation c, ContactEventType type, long now, String... idParts) {
        String[] parts = new String[4 + idParts.length];
        parts[0] = Components.CHANNEL_GATEWAY;
        parts[1] = c.tenant;
        parts[2] = c.id;
        parts[3] = type.name();
        System.arraycopy(idParts, 0, parts, 4, idParts.length);
        ContactEvent.Builder b =
                ContactEvent.builder(type, c.id)
                        .eventId(EventIds.of(parts))
                        .tenant(c.tenant)
                        .channel(c.channel)
                        .eventTime(now)
                        .source(source(c))
                        .queue(c.queue)
                        .agentId(c.agentId)
                        .customerId(c.customerId)
                        .attributes(Map.of(ChannelEvents.PROVIDER, c.providerName().toLowerCase()));
        return b.build();
    }

    static ContactEvent queued(Conversation c, long now) {
        return of(c, ContactEventType.QUEUED, now);
    }

    static ContactEvent identified(Conversation c, long now) {
        return of(c, ContactEventType.IDENTIFIED, now);
    }

    static ContactEvent answered(Conversation c, long now) {
        return withWait(of(c, ContactEventType.ANSWERED, now, c.agentId), now - c.queuedAt);
    }

    static ContactEvent abandoned(Conversation c, long now) {
        return withWait(of(c, ContactEventType.ABANDONED, now), now - c.queuedAt);
    }

    static ContactEvent ended(Conversation c, long now, String reason) {
        ContactEvent e = of(c, ContactEventType.ENDED, now);
        return new ContactEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                e.eventId(),
                e.type(),
                e.tenant(),
                e.contactId(),
                e.channel(),
                e.eventTime(),
                e.source(),
                e.queue(),
                e.agentId(),
                e.customerId(),
                null,
                c.answeredAt > 0 ? now - c.answeredAt : null,
                reason,
                e.attributes());
    }

    private static ContactEvent withWait(ContactEvent e, long waitMillis) {
        return new ContactEvent(
                e.schemaVersion(),
                e.eventId(),
                e.type(),
                e.tenant(),
                e.contactId(),
                e.channel(),
                e.eventTime(),
                e.source(),
                e.queue(),
                e.agentId(),
                e.customerId(),
                Math.max(0, waitMillis),
                null,
                null,
                e.attributes());
    }

    /** {@code webchat}, or {@code whatsapp:<account>} / {@code instagram:<account>}. */
    static String source(Conversation c) {
        return c.provider == null
                ? ChannelEvents.WEBCHAT_SOURCE
                : c.provider.id() + ":" + c.accountId;
    }
}
