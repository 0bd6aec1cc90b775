package io.ringstream.gateway.providers;

import io.ringstream.channels.ServiceWindow;
import io.ringstream.channels.webhook.Provider;
import java.util.Optional;

/**
 * An agent's reply on a WhatsApp or Instagram conversation, as the conversations side hands it to
 * the provider's send API.
 *
 * @param accountId the business account the customer wrote to (WhatsApp phone-number id, Instagram
 *     account id): the reply goes out from it
 * @param recipientId the customer's id on the provider (WhatsApp number, Instagram-scoped id)
 * @param clientMessageId the agent's client-generated id; the send is idempotent on it
 * @param lastInboundMillis when the customer last wrote, for the 24-hour service window
 */
public record OutboundReply(
        String tenant,
        Provider provider,
        String accountId,
        String recipientId,
        String conversationId,
        String clientMessageId,
        String text,
        Optional<Long> lastInboundMillis,
        ServiceWindow.Author author) {}
