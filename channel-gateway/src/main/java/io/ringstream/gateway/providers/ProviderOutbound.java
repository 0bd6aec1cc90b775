package io.ringstream.gateway.providers;

import java.util.concurrent.CompletableFuture;

/**
 * How an agent's reply reaches a WhatsApp or Instagram customer: the providers' send APIs behind
 * one door, with the service window, retries with backoff and idempotence on the reply's client
 * message id (a retried reply with the same id is sent once and answers the first outcome).
 */
public interface ProviderOutbound {

    /** Completes with the outcome; never exceptionally. */
    CompletableFuture<SendOutcome> send(OutboundReply reply);
}
