package io.ringstream.channels.webhook;

import java.util.List;

/**
 * Everything one webhook delivery carried, once parsed: Meta batches several entries, changes and
 * messages into one POST, so one body yields lists.
 */
public record WebhookBatch(
        List<InboundMessage> messages, List<DeliveryStatus> statuses, List<Skipped> skipped) {
    public WebhookBatch {
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
        skipped = List.copyOf(skipped);
    }

    /** Whether the delivery carried nothing to process. */
    public boolean isEmpty() {
        return messages.isEmpty() && statuses.isEmpty();
    }
}
