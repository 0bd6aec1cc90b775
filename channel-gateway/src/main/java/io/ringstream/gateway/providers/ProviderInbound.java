package io.ringstream.gateway.providers;

import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.channels.webhook.InboundMessage;

/**
 * Where the WhatsApp and Instagram webhooks hand what a provider delivered, after the signature,
 * the size and the dedupe checks: the conversations side of the gateway implements it. Called on
 * the webhooks' hand-off executor, never on a Netty event loop, so an implementation may block
 * briefly (a Kafka send) but must not throw for bad content: it dead-letters instead.
 */
public interface ProviderInbound {

    /** A customer's message to the tenant's business account; the first one opens a contact. */
    void message(String tenant, InboundMessage message);

    /** What became of a message the gateway sent: sent, delivered, read or failed. */
    void status(String tenant, DeliveryStatus status);
}
