package io.ringstream.gateway.hub;

import io.ringstream.channels.conversation.ConversationLog;
import io.ringstream.channels.conversation.TypingLimiter;
import io.ringstream.channels.webhook.Provider;
import io.ringstream.events.Channel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One web chat or messaging conversation, which is one contact: its log, who is in it and where its
 * contact is in its life. State lifetime: created by a visitor's {@code start} (or a provider
 * customer's first message), kept until closed plus the closed retention (so a late resume hears
 * "closed"), then dropped by the hub's sweeper; a gateway restart loses it. Every mutable field is
 * guarded by the object's own lock: the visitor's connection, the agent's, the assignments reader
 * and the sweeper run on different threads.
 */
final class Conversation {
    /** Web chat's provider name in frames; WhatsApp and Instagram use their enum names. */
    static final String WEBCHAT = "WEBCHAT";

    final String id;
    final String tenant;
    final Channel channel;

    /** Null for web chat. */
    final Provider provider;

    /** The visitor's session token (web chat only), the key of a resume. */
    final String token;

    final String queue;
    final String name;
    final String email;
    final String phone;

    /** The business account and the customer's id on the provider (messaging only). */
    final String accountId;

    final String senderId;
    final ConversationLog log;
    final TypingLimiter typing = new TypingLimiter(2_000);
    final long queuedAt;

    /** A provider message's kind by number, for non-text messages (the agent's display). */
    final Map<Long, String> kinds = new HashMap<>();

    /** Routing calls for this contact, chained so end or abandon never overtakes the route. */
    CompletableFuture<Void> routing = CompletableFuture.completedFuture(null);

    String agentId;
    long answeredAt;
    String customerId;
    Peer visitor;

    /** When the visitor's connection went away; 0 while connected. */
    long visitorLeftAt;

    long lastActivity;
    Long lastInboundMillis;
    boolean closed;
    long closedAt;

    Conversation(
            String id,
            String tenant,
            Channel channel,
            Provider provider,
            String token,
            String queue,
            String name,
            String email,
            String phone,
            String accountId,
            String senderId,
            ConversationLog log,
            long now) {
        this.id = id;
        this.tenant = tenant;
        this.channel = channel;
        this.provider = provider;
        this.token = token;
        this.queue = queue;
        this.name = name;
        this.email = email;
        this.phone = phone;
        this.accountId = accountId;
        this.senderId = senderId;
        this.log = log;
        this.queuedAt = now;
        this.lastActivity = now;
    }

    String providerName() {
        return provider == null ? WEBCHAT : provider.name();
    }

    boolean assignedTo(String tenant, String agentId) {
        return this.tenant.equals(tenant) && agentId.equals(this.agentId);
    }
}
