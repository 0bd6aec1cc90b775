package io.ringstream.channels;

import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.channels.webhook.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A provider's report about one of our messages (sent, delivered, read, failed), tied to the
 * contact the message belongs to, for read receipts on the desktop and a failed reply's reason.
 *
 * <p>Not a conversation turn (docs/channels.md, "Delivery receipts as events"): every {@code
 * CHAT_MESSAGE} interaction is a turn to the SLA clocks (an {@code AGENT} turn stops first response
 * and closes a reply gap) and its text is scored by the sentiment job, and no {@code
 * ContactEventType} means "a message's delivery changed". It is published as an interaction of its
 * own type, {@code DELIVERY_RECEIPT} ({@link ChannelEvents#receiptEvent}), which those consumers
 * skip.
 *
 * @param eventId stable over what identifies the report at the provider: provider, message id and
 *     state (the same as {@link DeliveryStatus#dedupeKey()}), so a retried webhook gives the same
 *     id
 * @param contactId the contact our message was sent in
 * @param timestampMillis when the message entered the state, epoch milliseconds
 * @param attributes {@code provider}, {@code providerMessageId}, {@code status} (lower case) and,
 *     on failure, {@code errorCode}, {@code errorTitle}, {@code errorDetails}
 */
public record DeliveryReceipt(
        String eventId,
        String tenant,
        String contactId,
        Provider provider,
        String source,
        String providerMessageId,
        DeliveryStatus.State status,
        long timestampMillis,
        Map<String, String> attributes) {

    // 2100-01-01, the events module's bound: anything later is a unit mistake.
    private static final long MAX_EVENT_TIME = 4_102_444_800_000L;

    public DeliveryReceipt {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The Kafka key it would have: the contact's, like every other event of the contact. */
    public String key() {
        return contactId;
    }

    /** The events module's envelope rules, applied to this record; empty when valid. */
    public List<String> violations() {
        List<String> found = new ArrayList<>();
        require(found, eventId, "eventId");
        require(found, tenant, "tenant");
        require(found, contactId, "contactId");
        require(found, provider, "provider");
        require(found, source, "source");
        require(found, providerMessageId, "providerMessageId");
        require(found, status, "status");
        if (timestampMillis <= 0 || timestampMillis > MAX_EVENT_TIME) {
            found.add("eventTime " + timestampMillis + " is not epoch milliseconds");
        }
        return List.copyOf(found);
    }

    private static void require(List<String> found, Object value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            found.add(field + " is required");
        }
    }
}
