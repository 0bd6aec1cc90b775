package io.ringstream.channels.webhook;

import java.util.List;

/**
 * A message a customer sent us through a provider, in one shape for every provider, so the
 * interactions events and the customer lookup need not know WhatsApp from Instagram.
 *
 * @param provider who delivered it
 * @param accountId our business account that received it: WhatsApp's {@code phone_number_id},
 *     Instagram's professional account id
 * @param senderId the customer: E.164 with a leading {@code +} on WhatsApp, the Instagram-scoped id
 *     (IGSID) on Instagram; this is what resolves to a customer identity
 * @param senderName the profile name the provider gave, or null
 * @param messageId the provider's message id ({@code wamid...}, Instagram's {@code mid})
 * @param timestampMillis when the customer sent it, epoch milliseconds
 * @param kind what it is; {@link MessageKind#TEXT} first
 * @param text the text, a caption, a reply's title, a reaction's emoji or a location's URI; or null
 * @param attachments media placeholders, empty for text
 */
public record InboundMessage(
        Provider provider,
        String accountId,
        String senderId,
        String senderName,
        String messageId,
        long timestampMillis,
        MessageKind kind,
        String text,
        List<Attachment> attachments) {
    public InboundMessage {
        if (provider == null || accountId == null || senderId == null || messageId == null) {
            throw new IllegalArgumentException(
                    "provider, account, sender and message id are required");
        }
        if (kind == null) {
            throw new IllegalArgumentException("a message has a kind");
        }
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** The first attachment's provider media id, or null (the placeholder most callers want). */
    public String mediaId() {
        return attachments.isEmpty() ? null : attachments.get(0).mediaId();
    }

    /** The key {@link SeenDeliveries} remembers this message by. */
    public String dedupeKey() {
        return provider.id() + ":message:" + messageId;
    }
}
