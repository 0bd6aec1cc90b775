package io.ringstream.gateway.hub;

import io.ringstream.channels.webhook.InboundMessage;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Where the hub finds a conversation: by its id (agents, assignments, receipts), by a web-chat
 * visitor's session token (resume), or, for messaging, by the customer writing (so a customer's
 * next message joins their open conversation). Only the indexes live here; each conversation's
 * state is guarded by its own lock ({@link Conversation}).
 *
 * <p>State lifetime: a conversation is indexed by id (and token) from its start until {@link
 * #forget} (closed plus the closed retention, by the sweeper), and by customer only while open
 * ({@link #closed}). The maps are concurrent: lookups take no lock, and no conversation lock is
 * needed to read them.
 */
final class Conversations {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Conversation> byId = new ConcurrentHashMap<>();
    private final Map<String, Conversation> byToken = new ConcurrentHashMap<>();

    /** Open messaging conversations by tenant, provider, account and customer. */
    private final Map<String, Conversation> byCustomer = new ConcurrentHashMap<>();

    /** The conversation with this id, or null. */
    Conversation byId(String id) {
        return id == null ? null : byId.get(id);
    }

    /** The web chat of this visitor session token, or null. */
    Conversation byToken(String token) {
        return token == null ? null : byToken.get(token);
    }

    /** Every conversation held, open or closed (weakly consistent, for sweeps and listings). */
    Collection<Conversation> all() {
        return byId.values();
    }

    /** How many are held, closed ones included: what the session cap counts. */
    int size() {
        return byId.size();
    }

    long open() {
        return byId.values().stream().filter(c -> !c.closed).count();
    }

    void add(Conversation c) {
        byId.put(c.id, c);
        if (c.token != null) {
            byToken.put(c.token, c);
        }
    }

    /**
     * The open conversation of the customer who sent {@code m}, or the one {@code open} makes
     * (atomically: two messages of a new customer open one conversation).
     */
    Conversation ofCustomer(String tenant, InboundMessage m, Supplier<Conversation> open) {
        String key = customerKey(tenant, m.provider().name(), m.accountId(), m.senderId());
        return byCustomer.compute(
                key, (k, current) -> current != null && !current.closed ? current : open.get());
    }

    /** {@code c} closed: the customer's next message opens a new conversation. */
    void closed(Conversation c) {
        if (c.provider != null) {
            byCustomer.remove(customerKey(c.tenant, c.provider.name(), c.accountId, c.senderId), c);
        }
    }

    /** Drops {@code c} altogether: a late resume or agent frame finds nothing. */
    void forget(Conversation c) {
        byId.remove(c.id);
        if (c.token != null) {
            byToken.remove(c.token);
        }
    }

    private static String customerKey(
            String tenant, String provider, String accountId, String senderId) {
        return String.join("\u001f", tenant, provider, accountId, senderId);
    }

    /** 32 random bytes, base64url without padding: an unguessable session token. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
