package io.ringstream.routing.core;

import io.ringstream.routing.core.ContactRecord.Status;
import io.ringstream.routing.core.Keys.ContactKey;
import io.ringstream.routing.core.Keys.TimeKey;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The engine's indexes over {@link RoutingState}, so that a decision touches the free agents of a
 * queue and the waiting contacts an agent could serve instead of every agent and every contact.
 * Derived data only: never serialized, rebuilt from the state when an engine is created.
 *
 * <p>Each record remembers the keys it is indexed under (transient fields), so after any change
 * {@link #reindex} removes the old entries by those keys and adds the new ones.
 */
final class RoutingIndex {
    private final RoutingConfig config;
    private final Policies policies;

    /** Free agents (ready, not in wrap-up, some capacity left) per queue they serve. */
    final Map<String, TreeSet<AgentRecord>> freeByQueue = new HashMap<>();

    /** Logged-in agents per queue they serve. */
    final Map<String, TreeSet<AgentRecord>> membersByQueue = new HashMap<>();

    /** Waiting (not offered) contacts per queue whose agents are eligible at their current step. */
    final Map<String, TreeSet<ContactKey>> waitingByEligibleQueue = new HashMap<>();

    /** Waiting or offered contacts per own queue: positions and the supervisor view. */
    final Map<String, TreeSet<ContactKey>> unansweredByQueue = new HashMap<>();

    final TreeSet<TimeKey> offerExpiries = new TreeSet<>();
    final TreeSet<TimeKey> wrapUpEnds = new TreeSet<>();
    final TreeSet<TimeKey> stepEnds = new TreeSet<>();

    /** Agents that may have become able to take a waiting contact since the last match. */
    final TreeSet<String> dirtyAgents = new TreeSet<>();

    /** Contacts that may have become matchable (new, back to waiting, wider step). */
    final TreeSet<ContactKey> dirtyContacts = new TreeSet<>();

    RoutingIndex(RoutingConfig config, Policies policies, RoutingState state, long now) {
        this.config = config;
        this.policies = policies;
        for (AgentRecord a : state.agents.values()) {
            reindex(a, false, now);
        }
        for (ContactRecord c : state.contacts.values()) {
            reindex(c, false);
        }
        for (Offer o : state.offers.values()) {
            offerExpiries.add(new TimeKey(o.expiresAtMillis(), o.offerId()));
        }
        dirtyAgents.clear();
        dirtyContacts.clear();
    }

    ContactKey key(ContactRecord c) {
        return new ContactKey(c.priority(config), c.contact.enqueuedAtMillis(), c.seq, c.id());
    }

    void reindex(AgentRecord a, boolean removed, long now) {
        boolean free = !removed && a.hasFreeCapacity(now);
        Set<String> queues = removed ? Set.of() : a.profile.queues();
        boolean sameQueues = queues.equals(a.indexedQueues);
        if (!sameQueues || free != a.indexedFree) {
            if (a.indexedQueues != null) {
                for (String q : a.indexedQueues) {
                    if (a.indexedFree) {
                        remove(freeByQueue, q, a);
                    }
                    if (!sameQueues) {
                        remove(membersByQueue, q, a);
                    }
                }
            }
            for (String q : queues) {
                if (!sameQueues) {
                    membersByQueue.computeIfAbsent(q, k -> new TreeSet<>(BY_ID)).add(a);
                }
                if (free) {
                    freeByQueue.computeIfAbsent(q, k -> new TreeSet<>(BY_ID)).add(a);
                }
            }
            a.indexedQueues = queues;
            a.indexedFree = free;
        }
        long wrapUpUntil = removed ? 0 : a.wrapUpUntil;
        long indexedUntil = a.indexedWrapUp == null ? 0 : a.indexedWrapUp.at();
        if (wrapUpUntil != indexedUntil) {
            if (a.indexedWrapUp != null) {
                wrapUpEnds.remove(a.indexedWrapUp);
            }
            a.indexedWrapUp = wrapUpUntil > 0 ? new TimeKey(wrapUpUntil, a.id()) : null;
            if (a.indexedWrapUp != null) {
                wrapUpEnds.add(a.indexedWrapUp);
            }
        }
        if (free) {
            dirtyAgents.add(a.id());
        }
    }

    void reindex(ContactRecord c, boolean removed) {
        ContactKey key = removed ? null : key(c);
        QueuePolicy policy = policies.of(c.contact.queue());
        Set<String> queues =
                !removed && c.status == Status.WAITING
                        ? policies.eligibleQueues(c.contact.queue(), c.stepIndex)
                        : Set.of();
        boolean unanswered = !removed && c.unassigned();
        if (key == null
                || !key.equals(c.indexedKey)
                || !queues.equals(c.indexedQueues)
                || unanswered != c.indexedUnanswered) {
            if (c.indexedKey != null) {
                for (String q : c.indexedQueues) {
                    remove(waitingByEligibleQueue, q, c.indexedKey);
                }
                if (c.indexedUnanswered) {
                    remove(unansweredByQueue, c.contact.queue(), c.indexedKey);
                }
            }
            if (key != null) {
                for (String q : queues) {
                    waitingByEligibleQueue.computeIfAbsent(q, k -> new TreeSet<>()).add(key);
                }
                if (unanswered) {
                    unansweredByQueue
                            .computeIfAbsent(c.contact.queue(), k -> new TreeSet<>())
                            .add(key);
                }
            }
            c.indexedKey = key;
            c.indexedQueues = queues;
            c.indexedUnanswered = unanswered;
        }
        long ends = unanswered ? policy.stepEndsAfter(c.stepIndex) : -1;
        TimeKey stepEnd =
                ends >= 0 ? new TimeKey(c.contact.enqueuedAtMillis() + ends, c.id()) : null;
        if (!java.util.Objects.equals(stepEnd, c.indexedStepEnd)) {
            if (c.indexedStepEnd != null) {
                stepEnds.remove(c.indexedStepEnd);
            }
            if (stepEnd != null) {
                stepEnds.add(stepEnd);
            }
            c.indexedStepEnd = stepEnd;
        }
    }

    private static <T> void remove(Map<String, TreeSet<T>> map, String queue, T value) {
        TreeSet<T> set = map.get(queue);
        if (set != null) {
            set.remove(value);
            if (set.isEmpty()) {
                map.remove(queue);
            }
        }
    }

    TreeSet<AgentRecord> free(String queue) {
        return freeByQueue.getOrDefault(queue, EMPTY_AGENTS);
    }

    TreeSet<AgentRecord> members(String queue) {
        return membersByQueue.getOrDefault(queue, EMPTY_AGENTS);
    }

    TreeSet<ContactKey> waitingFor(String queue) {
        return waitingByEligibleQueue.getOrDefault(queue, EMPTY_CONTACTS);
    }

    TreeSet<ContactKey> unanswered(String queue) {
        return unansweredByQueue.getOrDefault(queue, EMPTY_CONTACTS);
    }

    /** Agent sets are ordered by id so that iteration, and so every decision, is reproducible. */
    private static final Comparator<AgentRecord> BY_ID = Comparator.comparing(AgentRecord::id);

    private static final TreeSet<AgentRecord> EMPTY_AGENTS = new TreeSet<>(BY_ID);
    private static final TreeSet<ContactKey> EMPTY_CONTACTS = new TreeSet<>();
}
