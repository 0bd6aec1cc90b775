package io.ringstream.routing.live;

import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.RoutingStatus;
import io.ringstream.events.RoutingStatus.QueueState;
import io.ringstream.events.RoutingStatus.WaitingContact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The service's picture of routing, built from the routing job's output topics: which offers are
 * pending, which contact went to which agent, and the latest queue/agent snapshot of each tenant.
 * Route requests wait on it for an offer; agent streams subscribe to it. Plain Java and
 * thread-safe: the Kafka consumer thread writes, HTTP threads read.
 *
 * <p>State lifetimes: pending offers live until their outcome arrives; per-contact targets and
 * ended offers are kept in bounded least-recently-used maps (a contact's PBX stops asking once it
 * is connected); the seen-event set that drops the job's replays is bounded the same way.
 */
public final class RoutingView {
    /** Contacts, offers and event ids remembered at most; enough for hours of a busy center. */
    static final int DEFAULT_LIMIT = 200_000;

    private final Object lock = new Object();
    private final Map<String, Boolean> seenEvents;
    private final Map<String, Assignment> pendingOffers = new HashMap<>();
    private final Map<String, AssignmentType> endedOffers;
    private final Map<String, Assignment> targets;
    private final Map<String, List<CompletableFuture<Assignment>>> waiters = new HashMap<>();
    private final Map<String, List<Consumer<Assignment>>> agentListeners = new HashMap<>();
    private final Map<String, RoutingStatus> statuses = new HashMap<>();
    private final List<Consumer<RoutingStatus>> statusListeners = new CopyOnWriteArrayList<>();

    public RoutingView() {
        this(DEFAULT_LIMIT);
    }

    RoutingView(int limit) {
        seenEvents = new BoundedMap<>(limit);
        endedOffers = new BoundedMap<>(limit);
        targets = new BoundedMap<>(limit);
    }

    /** Applies one offer step; repeats of an event id (a restored job replaying) are dropped. */
    public void apply(Assignment a) {
        List<CompletableFuture<Assignment>> woken = List.of();
        List<Consumer<Assignment>> listeners;
        synchronized (lock) {
            if (seenEvents.put(a.eventId(), Boolean.TRUE) != null) {
                return;
            }
            String offerKey = key(a.tenant(), a.offerId());
            String contactKey = key(a.tenant(), a.contactId());
            if (a.type() == AssignmentType.OFFERED) {
                if (endedOffers.containsKey(offerKey)) {
                    return; // its outcome overtook it (replay after a restore)
                }
                pendingOffers.put(offerKey, a);
                targets.put(contactKey, a);
                List<CompletableFuture<Assignment>> w = waiters.remove(contactKey);
                woken = w == null ? List.of() : w;
            } else {
                Assignment offered = pendingOffers.remove(offerKey);
                endedOffers.put(offerKey, a.type());
                Assignment target = targets.get(contactKey);
                boolean isTarget = target != null && target.offerId().equals(a.offerId());
                if (a.type() == AssignmentType.ACCEPTED) {
                    targets.put(contactKey, offered != null ? offered : a);
                } else if (isTarget) {
                    targets.remove(contactKey);
                }
            }
            listeners = listenersOf(a.tenant(), a.agentId());
        }
        woken.forEach(f -> f.complete(a));
        listeners.forEach(l -> l.accept(a));
    }

    /**
     * Keeps the newest snapshot of the tenant (by event time) and hands it to the status listeners;
     * an older one (a replay) is dropped.
     */
    public void apply(RoutingStatus status) {
        synchronized (lock) {
            RoutingStatus current = statuses.get(status.tenant());
            if (current != null && current.eventTime() > status.eventTime()) {
                return;
            }
            statuses.put(status.tenant(), status);
        }
        statusListeners.forEach(l -> l.accept(status));
    }

    /**
     * Calls {@code listener} with every newer snapshot of any tenant, on the feeding thread (keep
     * it quick). Close the returned handle to stop.
     */
    public AutoCloseable subscribeStatuses(Consumer<RoutingStatus> listener) {
        statusListeners.add(listener);
        return () -> statusListeners.remove(listener);
    }

    /**
     * Where the contact should be connected: its pending offer, or the agent who accepted it. Empty
     * while it waits.
     */
    public Optional<Assignment> target(String tenant, String contactId) {
        synchronized (lock) {
            return Optional.ofNullable(targets.get(key(tenant, contactId)));
        }
    }

    /**
     * Completes with the contact's target: at once if it has one, else with its next offer. The
     * caller bounds the wait (e.g. {@code completeOnTimeout}); completing the future in any way
     * removes it from the view.
     */
    public CompletableFuture<Assignment> nextTarget(String tenant, String contactId) {
        return nextTarget(tenant, contactId, null);
    }

    /**
     * Like {@link #nextTarget(String, String)}, but a target through {@code leftOffer} (the offer a
     * transferred contact left; null for none) does not count: it waits for the next offer.
     */
    public CompletableFuture<Assignment> nextTarget(
            String tenant, String contactId, String leftOffer) {
        String contactKey = key(tenant, contactId);
        CompletableFuture<Assignment> future = new CompletableFuture<>();
        synchronized (lock) {
            Assignment now = targets.get(contactKey);
            if (now != null && !now.offerId().equals(leftOffer)) {
                future.complete(now);
                return future;
            }
            waiters.computeIfAbsent(contactKey, k -> new ArrayList<>()).add(future);
        }
        future.whenComplete((a, e) -> forget(contactKey, future));
        return future;
    }

    /** The contact's place in its queue from the latest snapshot. */
    public Optional<Position> position(String tenant, String contactId, String queue) {
        RoutingStatus status = status(tenant).orElse(null);
        if (status == null) {
            return Optional.empty();
        }
        for (QueueState q : status.queues()) {
            for (WaitingContact c : q.contacts()) {
                if (c.contactId().equals(contactId)) {
                    return Optional.of(
                            new Position(q.queue(), c.position(), c.estimatedWaitMillis()));
                }
            }
        }
        // Not listed yet (or beyond the listing limit): it joins behind everyone waiting.
        for (QueueState q : status.queues()) {
            if (q.queue().equals(queue)) {
                return Optional.of(new Position(queue, q.waiting() + 1, q.estimatedWaitMillis()));
            }
        }
        return Optional.of(new Position(queue, null, null));
    }

    public Optional<RoutingStatus> status(String tenant) {
        synchronized (lock) {
            return Optional.ofNullable(statuses.get(tenant));
        }
    }

    public OfferLookup offer(String tenant, String offerId) {
        synchronized (lock) {
            String offerKey = key(tenant, offerId);
            return new OfferLookup(pendingOffers.get(offerKey), endedOffers.get(offerKey));
        }
    }

    /** The agent's offers still waiting for an answer, oldest first. */
    public List<Assignment> pendingOffersOf(String tenant, String agentId) {
        synchronized (lock) {
            return pendingOffers.values().stream()
                    .filter(a -> a.tenant().equals(tenant) && a.agentId().equals(agentId))
                    .sorted(java.util.Comparator.comparingLong(Assignment::eventTime))
                    .toList();
        }
    }

    /**
     * Calls {@code listener} with every later offer step of the agent, on the feeding thread (keep
     * it quick). Close the returned handle to stop.
     */
    public AutoCloseable subscribe(String tenant, String agentId, Consumer<Assignment> listener) {
        String agentKey = key(tenant, agentId);
        synchronized (lock) {
            agentListeners
                    .computeIfAbsent(agentKey, k -> new CopyOnWriteArrayList<>())
                    .add(listener);
        }
        return () -> {
            synchronized (lock) {
                List<Consumer<Assignment>> list = agentListeners.get(agentKey);
                if (list != null) {
                    list.remove(listener);
                    if (list.isEmpty()) {
                        agentListeners.remove(agentKey);
                    }
                }
            }
        };
    }

    private List<Consumer<Assignment>> listenersOf(String tenant, String agentId) {
        List<Consumer<Assignment>> list = agentListeners.get(key(tenant, agentId));
        return list == null ? List.of() : List.copyOf(list);
    }

    private void forget(String contactKey, CompletableFuture<Assignment> future) {
        synchronized (lock) {
            List<CompletableFuture<Assignment>> list = waiters.get(contactKey);
            if (list != null) {
                list.remove(future);
                if (list.isEmpty()) {
                    waiters.remove(contactKey);
                }
            }
        }
    }

    private static String key(String tenant, String id) {
        return tenant + '\u001f' + id;
    }
}
