package io.ringstream.events;

import java.util.List;
import java.util.Map;

/**
 * A conversation turn: a chat message or a call transcript segment. Keyed by contact id, so turns
 * stay in conversation order.
 *
 * @param text what was said or written; required for a turn, absent (null) for a {@link
 *     InteractionType#DELIVERY_RECEIPT}
 * @param language ISO 639-1 code when the source knows it (null: detect)
 */
public record InteractionEvent(
        int schemaVersion,
        String eventId,
        InteractionType type,
        String tenant,
        String contactId,
        Channel channel,
        long eventTime,
        String source,
        Speaker speaker,
        String text,
        String language,
        Map<String, String> attributes)
        implements RingstreamEvent {

    public InteractionEvent {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    @Override
    public String key() {
        return contactId;
    }

    @Override
    public List<String> violations() {
        Violations v = Violations.ofEnvelope(this, type);
        v.require(contactId, "contactId").require(channel, "channel").require(speaker, "speaker");
        v.check(text != null || (type != null && !type.isTurn()), "text is required");
        return v.list();
    }
}
