package io.ringstream.channels.webhook;

/**
 * What a provider reports about a message we sent (WhatsApp {@code statuses[]}): it left, reached
 * the phone, was read, or failed and why. These drive read receipts on the desktop and the
 * contact's delivery events.
 *
 * @param provider who reported it
 * @param messageId the id the send API gave our message
 * @param recipientId the customer (E.164 with {@code +} when the provider gave a phone number)
 * @param status the new state
 * @param timestampMillis when it entered the state, epoch milliseconds
 * @param error why it failed (the first of the provider's errors), or null
 * @param accountId our business account the status was reported for (WhatsApp's {@code
 *     phone_number_id}), which tells the webhook endpoint the tenant; null when not known
 */
public record DeliveryStatus(
        Provider provider,
        String messageId,
        String recipientId,
        State status,
        long timestampMillis,
        DeliveryError error,
        String accountId) {
    public DeliveryStatus {
        if (provider == null || messageId == null || recipientId == null || status == null) {
            throw new IllegalArgumentException(
                    "provider, message id, recipient and status are required");
        }
    }

    /** A status whose account is not known (built by hand, or by a caller that has no need). */
    public DeliveryStatus(
            Provider provider,
            String messageId,
            String recipientId,
            State status,
            long timestampMillis,
            DeliveryError error) {
        this(provider, messageId, recipientId, status, timestampMillis, error, null);
    }

    /** The states Ringstream tracks; the provider's others are skipped, not guessed at. */
    public enum State {
        SENT,
        DELIVERED,
        READ,
        FAILED
    }

    /**
     * The key {@link SeenDeliveries} remembers this status by: one message reports several states,
     * each once.
     */
    public String dedupeKey() {
        return provider.id() + ":status:" + messageId + ":" + status.name().toLowerCase();
    }
}
