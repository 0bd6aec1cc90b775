package io.ringstream.routing.core;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Routing's mutable record of one contact, from queued until it ends. While waiting or offered it
 * remembers who refused it (never offered again) and its current step; once accepted, its agent.
 */
final class ContactRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the contact is in routing. */
    enum Status {
        WAITING,
        OFFERED,
        ASSIGNED
    }

    Contact contact;

    /** Arrival order: breaks ties between contacts of equal priority and enqueue time. */
    final long seq;

    int extraPriority;
    boolean preferSenior;
    final Set<String> refusedBy = new LinkedHashSet<>();
    final Set<String> pendingOffers = new LinkedHashSet<>();
    int stepIndex;

    /** Decisions made so far; part of offer and decision ids. */
    int attempts;

    Status status = Status.WAITING;
    String agentId;

    /** The offer the agent accepted; a transfer names it. Null in state saved before transfers. */
    String acceptedOfferId;

    long acceptedAt;

    // What RoutingIndex filed this contact under; rebuilt after deserialization.
    transient Keys.ContactKey indexedKey;
    transient Set<String> indexedQueues = Set.of();
    transient boolean indexedUnanswered;
    transient Keys.TimeKey indexedStepEnd;

    ContactRecord(Contact contact, long seq) {
        this.contact = contact;
        this.seq = seq;
    }

    String id() {
        return contact.contactId();
    }

    int priority(RoutingConfig config) {
        return contact.priority() + extraPriority + config.tierPriority(contact.customerTier());
    }

    boolean unassigned() {
        return status != Status.ASSIGNED;
    }
}
