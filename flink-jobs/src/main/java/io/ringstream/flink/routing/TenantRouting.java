package io.ringstream.flink.routing;

import io.ringstream.events.Channel;
import io.ringstream.routing.core.RoutingState;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything the routing job keeps for one tenant, checkpointed as one value: the engine's state
 * plus what the engine does not need but the job's outputs do (agents' endpoints, contacts'
 * channels and customers, offers' details, when each agent's state changed), the CRM facts routing
 * uses, and the status emission bookkeeping.
 *
 * <p>Lifetimes: endpoints live from log-in to log-out; contact details from queued until the engine
 * removes the contact; offer details until the offer ends; CRM facts and "prefer senior" flags in
 * bounded least-recently-used maps. The whole value is cleared when the tenant has no agent and no
 * contact left.
 */
public final class TenantRouting implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The engine's state; null until the first input creates it from the config's seed. */
    RoutingState engine;

    final Map<String, String> endpoints = new HashMap<>();
    final Map<String, ContactInfo> contacts = new HashMap<>();
    final Map<String, OfferInfo> offers = new HashMap<>();
    final Map<String, Long> agentSince = new HashMap<>();
    final Lru<String, Customer> customers;
    final Lru<String, Boolean> preferSenior;

    long statusSequence;
    long lastStatusAt;
    boolean dirty;

    /** The processing time of the earliest timer we registered and that has not fired yet. */
    long timerAt = Long.MAX_VALUE;

    public TenantRouting(int customersLimit) {
        this.customers = new Lru<>(customersLimit);
        this.preferSenior = new Lru<>(customersLimit);
    }

    /** What the job remembers about a contact besides the engine's view of it. */
    record ContactInfo(String queue, Channel channel, String customerId, Set<String> hintsApplied)
            implements Serializable {
        ContactInfo(String queue, Channel channel, String customerId) {
            this(queue, channel, customerId, new HashSet<>());
        }
    }

    /** An offer's details for its outcome's record. */
    record OfferInfo(
            String contactId,
            String agentId,
            String queue,
            int step,
            long expiresAt,
            String decisionId)
            implements Serializable {}

    /** CRM facts routing uses: the customer's tier and preferred agent (null when unknown). */
    record Customer(String tier, String preferredAgentId) implements Serializable {}

    /** A bounded map that forgets the least recently used entries. */
    static final class Lru<K, V> extends LinkedHashMap<K, V> {
        private static final long serialVersionUID = 1L;
        private final int limit;

        Lru(int limit) {
            super(16, 0.75f, true);
            this.limit = limit;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > limit;
        }
    }
}
