package io.ringstream.gateway.providers;

import io.ringstream.channels.ChannelEvents;
import io.ringstream.channels.ChannelEvents.StatusOutcome;
import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.events.InteractionEvent;

/**
 * Turns a provider's status of one of our messages into the {@code DELIVERY_RECEIPT} interaction
 * the conversations side publishes on {@code interactions}, for the conversation (contact) the
 * message was sent in: the read receipts and a failed reply's reason reach the transcript, while
 * the SLA clocks and the sentiment job skip it (docs/channels.md, "Delivery receipts as events").
 * Stateless; the id is stable over provider, message id and state, so a retried status republished
 * is one row downstream.
 */
public final class ReceiptEvents {

    /**
     * The receipt event.
     *
     * @param conversationId the contact id of the conversation the gateway sent the message in
     * @throws IllegalArgumentException when {@code conversationId} is absent (the gateway sent no
     *     such message: count and drop the status, do not guess a contact) or the status's time is
     *     not epoch milliseconds
     */
    public InteractionEvent receipt(String tenant, DeliveryStatus status, String conversationId) {
        StatusOutcome outcome = new ChannelEvents(tenant).status(status, conversationId);
        if (outcome instanceof StatusOutcome.Receipt receipt) {
            return ChannelEvents.receiptEvent(receipt.receipt());
        }
        throw new IllegalArgumentException(((StatusOutcome.UnknownMessage) outcome).reason());
    }
}
