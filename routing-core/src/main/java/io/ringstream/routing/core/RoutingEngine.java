package io.ringstream.routing.core;

import io.ringstream.events.Channel;
import io.ringstream.events.EventIds;
import io.ringstream.routing.core.ContactRecord.Status;
import io.ringstream.routing.core.RoutingEffect.AgentStateChanged;
import io.ringstream.routing.core.RoutingEffect.ContactAssigned;
import io.ringstream.routing.core.RoutingEffect.ContactRemoved;
import io.ringstream.routing.core.RoutingEffect.Ignored;
import io.ringstream.routing.core.RoutingEffect.OfferEnded;
import io.ringstream.routing.core.RoutingEffect.OfferMade;
import io.ringstream.routing.core.RoutingEffect.StepRelaxed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Skill-based routing for one tenant: agents, waiting contacts and offers in, offers and state
 * changes out. Deterministic and single-threaded: time is passed in (epoch millis) and randomness
 * is seeded, so the Flink job, the simulator and the tests get the same decisions from the same
 * inputs.
 *
 * <p>Every input first applies what fell due up to its time (offer timeouts, wrap-up ends, step
 * relaxation), then the input, then matches: unanswered contacts in routing order (priority, then
 * enqueue time, across queues) each get the best eligible free agent. Because the match runs after
 * every input, an agent who frees up takes the first contact in that order it is eligible for,
 * whatever its queue. Callers must call {@link #advanceTime} at {@link #nextDeadline()}.
 *
 * <p>Inputs naming an unknown agent, contact or offer change nothing and return {@link Ignored}.
 */
public final class RoutingEngine {
    private final RoutingConfig config;
    private final RoutingState state;
    private final Policies policies;
    private final Matcher matcher;
    private final RoutingIndex index;
    private List<RoutingEffect> out = new ArrayList<>();

    public RoutingEngine(RoutingConfig config) {
        this(config, new RoutingState(config.seed()));
    }

    /**
     * Resumes from state restored from a checkpoint (or a fresh one). Builds the indexes over it
     * (O(n log n)): keep one engine per state rather than one per input.
     */
    public RoutingEngine(RoutingConfig config, RoutingState state) {
        this.config = config;
        this.state = state;
        this.policies = new Policies(config);
        this.matcher = new Matcher(config, state, policies);
        this.index = new RoutingIndex(config, policies, state, state.now);
    }

    public RoutingConfig config() {
        return config;
    }

    /** The live state; serialize it to checkpoint. */
    public RoutingState state() {
        return state;
    }

    // ---- agent inputs ----

    /** Logs an agent in (NOT_READY "logged in"), or updates the profile of a logged-in agent. */
    public List<RoutingEffect> agentLogin(AgentProfile profile, long now) {
        long t = begin(now);
        AgentRecord a = state.agents.get(profile.agentId());
        if (a == null) {
            a = new AgentRecord(profile, t);
            state.agents.put(profile.agentId(), a);
        } else {
            a.profile = profile;
        }
        refresh(a, t);
        return finish(t);
    }

    public List<RoutingEffect> agentReady(String agentId, long now) {
        long t = begin(now);
        AgentRecord a = state.agents.get(agentId);
        if (a == null) {
            return ignored("agentReady", agentId, "agent not logged in", t);
        }
        if (!a.ready) {
            a.ready = true;
            a.misses = 0;
            if (a.totalLoad == 0 && !a.inWrapUp(t)) {
                a.idleSince = t;
            }
        }
        refresh(a, t);
        return finish(t);
    }

    /** Not ready with a reason; pending offers are rescinded, active contacts continue. */
    public List<RoutingEffect> agentNotReady(String agentId, String reason, long now) {
        long t = begin(now);
        AgentRecord a = state.agents.get(agentId);
        if (a == null) {
            return ignored("agentNotReady", agentId, "agent not logged in", t);
        }
        setNotReady(a, reason == null || reason.isBlank() ? "not ready" : reason, t);
        return finish(t);
    }

    public List<RoutingEffect> agentLogout(String agentId, long now) {
        long t = begin(now);
        AgentRecord a = state.agents.get(agentId);
        if (a == null) {
            return ignored("agentLogout", agentId, "agent not logged in", t);
        }
        rescindOffersOf(a, t);
        state.agents.remove(agentId);
        index.reindex(a, true, t);
        out.add(new AgentStateChanged(agentId, AgentState.OFFLINE, "logged out", t));
        return finish(t);
    }

    /** Ends the agent's wrap-up early (the agent clicked "done"). */
    public List<RoutingEffect> wrapUpEnded(String agentId, long now) {
        long t = begin(now);
        AgentRecord a = state.agents.get(agentId);
        if (a == null) {
            return ignored("wrapUpEnded", agentId, "agent not logged in", t);
        }
        if (a.wrapUpUntil > 0) {
            a.wrapUpUntil = 0;
            if (a.totalLoad == 0) {
                a.idleSince = t;
            }
        }
        refresh(a, t);
        return finish(t);
    }

    // ---- contact inputs ----

    public List<RoutingEffect> contactQueued(Contact contact, long now) {
        return contactQueued(contact, List.of(), now);
    }

    /**
     * Queues a contact with hints already known about it, applied before it is first matched: an
     * upset customer transferred to another queue must reach a senior agent on that first match.
     */
    public List<RoutingEffect> contactQueued(Contact contact, Collection<Hint> hints, long now) {
        long t = begin(now);
        if (state.contacts.containsKey(contact.contactId())) {
            return ignored("contactQueued", contact.contactId(), "contact already known", t);
        }
        enqueue(contact, hints, t);
        return finish(t);
    }

    /**
     * The agent who has the contact hands it on (a blind transfer to another queue, say): the agent
     * enters the old queue's wrap-up, and the contact waits again as {@code next}, with the same id
     * and its new queue and needs. A prefer-senior hint it carried stays with it, and it is never
     * offered back to the agent who handed it on.
     *
     * <p>Applies only while the contact is with the agent who accepted {@code fromOfferId}, so a
     * repeated or late transfer request changes nothing.
     */
    public List<RoutingEffect> contactTransferred(
            String fromOfferId, Contact next, Collection<Hint> hints, long now) {
        long t = begin(now);
        ContactRecord c = state.contacts.get(next.contactId());
        if (c == null || c.status != Status.ASSIGNED || !fromOfferId.equals(c.acceptedOfferId)) {
            return ignored(
                    "contactTransferred",
                    next.contactId(),
                    "contact is not with the agent who accepted " + fromOfferId,
                    t);
        }
        complete(c, t);
        out.add(new ContactRemoved(c.id(), RemovalReason.TRANSFERRED, t));
        state.contacts.remove(c.id());
        index.reindex(c, true);
        List<Hint> carried = new ArrayList<>(hints);
        if (c.preferSenior) {
            carried.add(Hint.preferSenior());
        }
        ContactRecord again = enqueue(next, carried, t);
        again.refusedBy.add(c.agentId);
        return finish(t);
    }

    private ContactRecord enqueue(Contact contact, Collection<Hint> hints, long t) {
        ContactRecord c = new ContactRecord(contact, state.seq++);
        hints.forEach(hint -> apply(hint, c));
        c.stepIndex = policies.of(contact.queue()).stepIndexAt(waited(c, t));
        state.contacts.put(contact.contactId(), c);
        index.reindex(c, false);
        index.dirtyContacts.add(c.indexedKey);
        return c;
    }

    /** The customer left. An assigned contact is treated as ended. */
    public List<RoutingEffect> contactAbandoned(String contactId, long now) {
        return leave(contactId, RemovalReason.ABANDONED, "contactAbandoned", now);
    }

    /**
     * The contact ended. If an agent had it, the agent enters the queue's wrap-up; if not, the
     * contact leaves routing unanswered.
     */
    public List<RoutingEffect> contactEnded(String contactId, long now) {
        return leave(contactId, RemovalReason.ENDED_UNANSWERED, "contactEnded", now);
    }

    public List<RoutingEffect> hint(String contactId, Hint hint, long now) {
        long t = begin(now);
        ContactRecord c = state.contacts.get(contactId);
        if (c == null || !c.unassigned()) {
            return ignored("hint", contactId, "no unanswered contact with this id", t);
        }
        apply(hint, c);
        index.reindex(c, false);
        return finish(t);
    }

    private static void apply(Hint hint, ContactRecord c) {
        switch (hint.kind()) {
            case RAISE_PRIORITY -> c.extraPriority += hint.by();
            case PREFER_SENIOR -> c.preferSenior = true;
        }
    }

    /** CRM learned the customer's tier or preferred agent; null leaves a field unchanged. */
    public List<RoutingEffect> updateCustomer(
            String contactId, String tier, String preferredAgentId, long now) {
        long t = begin(now);
        ContactRecord c = state.contacts.get(contactId);
        if (c == null) {
            return ignored("updateCustomer", contactId, "unknown contact", t);
        }
        c.contact = c.contact.withCustomer(tier, preferredAgentId);
        index.reindex(c, false);
        return finish(t);
    }

    // ---- offer inputs ----

    public List<RoutingEffect> offerAccepted(String offerId, long now) {
        long t = begin(now);
        Offer offer = state.offers.get(offerId);
        if (offer == null) {
            return ignored("offerAccepted", offerId, "no pending offer with this id", t);
        }
        ContactRecord c = state.contacts.get(offer.contactId());
        AgentRecord a = state.agents.get(offer.agentId());
        endOffer(offer, OfferOutcome.ACCEPTED, t);
        c.status = Status.ASSIGNED;
        c.agentId = a.id();
        c.acceptedOfferId = offerId;
        c.acceptedAt = t;
        index.reindex(c, false);
        a.activeContacts.add(c.id());
        a.misses = 0;
        a.handled++;
        a.idleSince = t;
        out.add(new ContactAssigned(c.id(), a.id(), c.contact.queue(), t));
        refresh(a, t);
        for (String other : List.copyOf(c.pendingOffers)) {
            endOffer(state.offers.get(other), OfferOutcome.RESCINDED, t);
        }
        return finish(t);
    }

    /** The agent declined: the contact is never offered to this agent again. */
    public List<RoutingEffect> offerRejected(String offerId, long now) {
        long t = begin(now);
        Offer offer = state.offers.get(offerId);
        if (offer == null) {
            return ignored("offerRejected", offerId, "no pending offer with this id", t);
        }
        endOffer(offer, OfferOutcome.REJECTED, t);
        return finish(t);
    }

    /** Applies what fell due (timeouts, wrap-up ends, step relaxation) and matches. */
    public List<RoutingEffect> advanceTime(long now) {
        return finish(begin(now));
    }

    /** The offer whose agent has the contact now; empty while it waits or once it left. */
    public Optional<String> acceptedOffer(String contactId) {
        ContactRecord c = state.contacts.get(contactId);
        return c == null || c.unassigned()
                ? Optional.empty()
                : Optional.ofNullable(c.acceptedOfferId);
    }

    /** The earliest time at which {@link #advanceTime} has something to do, if any. */
    public OptionalLong nextDeadline() {
        long next = Long.MAX_VALUE;
        if (!index.offerExpiries.isEmpty()) {
            next = Math.min(next, index.offerExpiries.first().at());
        }
        if (!index.wrapUpEnds.isEmpty()) {
            next = Math.min(next, index.wrapUpEnds.first().at());
        }
        if (!index.stepEnds.isEmpty()) {
            next = Math.min(next, index.stepEnds.first().at());
        }
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    // ---- queries ----

    public Optional<QueuePosition> position(String contactId, long now) {
        ContactRecord c = state.contacts.get(contactId);
        if (c == null) {
            return Optional.empty();
        }
        String queue = c.contact.queue();
        if (c.status == Status.ASSIGNED) {
            return Optional.of(
                    new QueuePosition(
                            contactId,
                            queue,
                            ContactStatus.ASSIGNED,
                            0,
                            0,
                            0,
                            c.stepIndex,
                            c.agentId));
        }
        List<ContactRecord> inQueue = unansweredOf(queue);
        int position = index.unanswered(queue).headSet(c.indexedKey).size() + 1;
        ContactStatus status =
                c.status == Status.OFFERED ? ContactStatus.OFFERED : ContactStatus.WAITING;
        return Optional.of(
                new QueuePosition(
                        contactId,
                        queue,
                        status,
                        position,
                        inQueue.size(),
                        estimatedWait(queue, position),
                        c.stepIndex,
                        null));
    }

    public QueueView queue(String queue, long now) {
        long t = Math.max(now, state.now);
        List<ContactRecord> inQueue = unansweredOf(queue);
        List<QueueView.Waiting> waiting = new ArrayList<>();
        int offered = 0;
        long oldest = 0;
        for (ContactRecord c : inQueue) {
            boolean isOffered = c.status == Status.OFFERED;
            offered += isOffered ? 1 : 0;
            oldest = Math.max(oldest, waited(c, t));
            waiting.add(
                    new QueueView.Waiting(
                            c.id(), c.priority(config), waited(c, t), c.stepIndex, isOffered));
        }
        Map<AgentState, Integer> byState = new EnumMap<>(AgentState.class);
        for (AgentRecord a : index.members(queue)) {
            byState.merge(a.state(t), 1, Integer::sum);
        }
        return new QueueView(
                queue,
                policies.of(queue).strategy(),
                inQueue.size() - offered,
                offered,
                oldest,
                byState,
                estimatedWait(queue, inQueue.size() + 1),
                waiting);
    }

    /** Every logged-in agent, by id. */
    public List<AgentView> agents() {
        List<AgentView> views = new ArrayList<>();
        for (AgentRecord a : new TreeMap<>(state.agents).values()) {
            views.add(view(a));
        }
        return views;
    }

    private AgentView view(AgentRecord a) {
        long t = state.now;
        Map<Channel, Integer> load = new EnumMap<>(Channel.class);
        for (Channel ch : Channel.values()) {
            if (a.load[ch.ordinal()] > 0) {
                load.put(ch, a.load[ch.ordinal()]);
            }
        }
        return new AgentView(
                a.id(),
                a.state(t),
                a.reason(t),
                a.profile.queues(),
                load,
                List.copyOf(a.activeContacts),
                List.copyOf(a.pendingOffers),
                a.wrapUpUntil,
                a.idleSince,
                a.handled,
                a.misses);
    }

    public Optional<AgentView> agent(String agentId) {
        AgentRecord a = state.agents.get(agentId);
        return a == null ? Optional.empty() : Optional.of(view(a));
    }

    // ---- internals ----

    private long begin(long now) {
        out = new ArrayList<>();
        long t = Math.max(now, state.now);
        state.now = t;
        applyDue(t);
        return t;
    }

    private List<RoutingEffect> finish(long t) {
        match(t);
        List<RoutingEffect> result = out;
        out = new ArrayList<>();
        return result;
    }

    private List<RoutingEffect> ignored(String input, String id, String why, long t) {
        out.add(new Ignored(input, id, why, t));
        return finish(t);
    }

    private void applyDue(long t) {
        while (!index.offerExpiries.isEmpty() && index.offerExpiries.first().at() <= t) {
            timeOut(state.offers.get(index.offerExpiries.first().id()), t);
        }
        while (!index.wrapUpEnds.isEmpty() && index.wrapUpEnds.first().at() <= t) {
            AgentRecord a = state.agents.get(index.wrapUpEnds.first().id());
            if (a.totalLoad == 0) {
                a.idleSince = a.wrapUpUntil;
            }
            a.wrapUpUntil = 0;
            refresh(a, t);
        }
        while (!index.stepEnds.isEmpty() && index.stepEnds.first().at() <= t) {
            ContactRecord c = state.contacts.get(index.stepEnds.first().id());
            int step = policies.of(c.contact.queue()).stepIndexAt(waited(c, t));
            out.add(new StepRelaxed(c.id(), c.contact.queue(), c.stepIndex, step, t));
            c.stepIndex = step;
            index.reindex(c, false);
            if (c.status == Status.WAITING) {
                index.dirtyContacts.add(c.indexedKey);
            }
        }
    }

    /**
     * Greedy matching in routing order, limited to what changed: the first contact (in routing
     * order) among the dirty contacts and the first waiting contact each dirty agent is eligible
     * for gets its best eligible free agent; repeat until neither yields a match. Everything not
     * dirty was already unmatched after the previous input, so this equals a full pass.
     */
    private void match(long t) {
        while (true) {
            ContactRecord best = null;
            while (!index.dirtyContacts.isEmpty()) {
                Keys.ContactKey k = index.dirtyContacts.first();
                ContactRecord c = state.contacts.get(k.contactId());
                if (c != null && k.equals(c.indexedKey) && c.status == Status.WAITING) {
                    best = c;
                    break;
                }
                index.dirtyContacts.pollFirst();
            }
            for (String agentId : List.copyOf(index.dirtyAgents)) {
                AgentRecord a = state.agents.get(agentId);
                if (a == null || !a.indexedFree) {
                    index.dirtyAgents.remove(agentId);
                    continue;
                }
                Keys.ContactKey bound = best == null ? null : best.indexedKey;
                ContactRecord first = firstEligibleContact(a, bound, t);
                if (first != null) {
                    best = first;
                } else if (bound == null) {
                    index.dirtyAgents.remove(agentId); // nothing waiting it could take
                }
            }
            if (best == null) {
                return;
            }
            Matcher.Choice choice = matcher.choose(best, pool(best), members(best), t);
            index.dirtyContacts.remove(best.indexedKey);
            if (choice != null) {
                offer(best, choice, t);
            }
        }
    }

    /**
     * The first waiting contact in routing order, before {@code bound}, that the agent may take.
     */
    private ContactRecord firstEligibleContact(AgentRecord a, Keys.ContactKey bound, long t) {
        Keys.ContactKey found = bound;
        ContactRecord result = null;
        for (String q : a.profile.queues()) {
            for (Keys.ContactKey k : index.waitingFor(q)) {
                if (found != null && k.compareTo(found) >= 0) {
                    break;
                }
                ContactRecord c = state.contacts.get(k.contactId());
                RoutingStep step = policies.of(c.contact.queue()).step(c.stepIndex);
                if (Matcher.eligible(c, step, a, t)) {
                    found = k;
                    result = c;
                    break;
                }
            }
        }
        return result;
    }

    private Set<String> eligibleQueues(ContactRecord c) {
        return policies.eligibleQueues(c.contact.queue(), c.stepIndex);
    }

    /** Free agents of the contact's eligible queues, each once, in id order. */
    private List<AgentRecord> pool(ContactRecord c) {
        Set<String> queues = eligibleQueues(c);
        if (queues.size() == 1) {
            return new ArrayList<>(index.free(queues.iterator().next()));
        }
        TreeMap<String, AgentRecord> union = new TreeMap<>();
        for (String q : queues) {
            for (AgentRecord a : index.free(q)) {
                union.put(a.id(), a);
            }
        }
        return new ArrayList<>(union.values());
    }

    /** Members of the contact's eligible queues, lazily, for the audit's ineligible part. */
    private Iterable<AgentRecord> members(ContactRecord c) {
        Set<String> queues = eligibleQueues(c);
        if (queues.size() == 1) {
            return index.members(queues.iterator().next());
        }
        return () -> queues.stream().flatMap(q -> index.members(q).stream()).distinct().iterator();
    }

    private void offer(ContactRecord c, Matcher.Choice choice, long t) {
        QueuePolicy policy = policies.of(c.contact.queue());
        long expires = t + policy.offerTimeout().toMillis();
        for (AgentRecord a : choice.agents()) {
            String offerId =
                    EventIds.of(
                            "routing-offer",
                            c.contact.tenant(),
                            c.id(),
                            Integer.toString(c.attempts),
                            a.id());
            Offer offer =
                    new Offer(offerId, c.id(), a.id(), c.contact.queue(), c.stepIndex, t, expires);
            state.offers.put(offerId, offer);
            c.pendingOffers.add(offerId);
            a.pendingOffers.add(offerId);
            a.addLoad(c.contact.channel());
            out.add(new OfferMade(offer, choice.decision()));
            index.offerExpiries.add(new Keys.TimeKey(expires, offerId));
            refresh(a, t);
        }
        c.status = Status.OFFERED;
        index.reindex(c, false);
    }

    private void timeOut(Offer offer, long t) {
        endOffer(offer, OfferOutcome.TIMED_OUT, t);
        AgentRecord a = state.agents.get(offer.agentId());
        a.misses++;
        int max = policies.of(offer.queue()).maxConsecutiveMisses();
        if (max > 0 && a.misses >= max) {
            setNotReady(a, "not responding", t);
        }
    }

    /** Ends a pending offer; the agent's reservation is released unless it was accepted. */
    private void endOffer(Offer offer, OfferOutcome outcome, long t) {
        state.offers.remove(offer.offerId());
        index.offerExpiries.remove(new Keys.TimeKey(offer.expiresAtMillis(), offer.offerId()));
        ContactRecord c = state.contacts.get(offer.contactId());
        AgentRecord a = state.agents.get(offer.agentId());
        c.pendingOffers.remove(offer.offerId());
        a.pendingOffers.remove(offer.offerId());
        if (outcome != OfferOutcome.ACCEPTED) {
            a.removeLoad(c.contact.channel());
            if (outcome != OfferOutcome.RESCINDED) {
                c.refusedBy.add(a.id());
            }
            if (c.pendingOffers.isEmpty() && c.status == Status.OFFERED) {
                c.status = Status.WAITING;
                index.reindex(c, false);
                index.dirtyContacts.add(c.indexedKey);
            }
        }
        out.add(new OfferEnded(offer.offerId(), c.id(), a.id(), outcome, t));
        refresh(a, t);
    }

    private void setNotReady(AgentRecord a, String reason, long t) {
        a.ready = false;
        a.notReadyReason = reason;
        a.misses = 0;
        rescindOffersOf(a, t);
        refresh(a, t);
    }

    private void rescindOffersOf(AgentRecord a, long t) {
        for (String id : List.copyOf(a.pendingOffers)) {
            endOffer(state.offers.get(id), OfferOutcome.RESCINDED, t);
        }
    }

    private List<RoutingEffect> leave(
            String contactId, RemovalReason unanswered, String input, long now) {
        long t = begin(now);
        ContactRecord c = state.contacts.get(contactId);
        if (c == null) {
            return ignored(input, contactId, "unknown contact", t);
        }
        if (c.status == Status.ASSIGNED) {
            complete(c, t);
            out.add(new ContactRemoved(contactId, RemovalReason.COMPLETED, t));
        } else {
            for (String id : List.copyOf(c.pendingOffers)) {
                endOffer(state.offers.get(id), OfferOutcome.RESCINDED, t);
            }
            out.add(new ContactRemoved(contactId, unanswered, t));
        }
        state.contacts.remove(contactId);
        index.reindex(c, true);
        return finish(t);
    }

    /** The agent's work on the contact is over: capacity back, wrap-up starts. */
    private void complete(ContactRecord c, long t) {
        QueuePolicy policy = policies.of(c.contact.queue());
        long wrapUp = policy.wrapUp().toMillis();
        AgentRecord a = state.agents.get(c.agentId);
        // After a logout and a new login the agent's record no longer holds this contact.
        if (a != null && a.activeContacts.remove(c.id())) {
            a.removeLoad(c.contact.channel());
            if (wrapUp > 0) {
                a.wrapUpUntil = Math.max(a.wrapUpUntil, t + wrapUp);
            } else if (a.totalLoad == 0) {
                a.idleSince = t;
            }
            refresh(a, t);
        }
        double handled = (double) (t - c.acceptedAt) + wrapUp;
        // Exponential smoothing from the configured default, so one odd contact moves it 10 %.
        double before =
                state.handleTimeMillis.getOrDefault(
                        c.contact.queue(), (double) config.defaultHandleTime().toMillis());
        state.handleTimeMillis.put(c.contact.queue(), before + (handled - before) * 0.1);
    }

    /** Emits a state change when the agent's displayed state or reason changed. */
    private void refresh(AgentRecord a, long t) {
        index.reindex(a, false, t);
        AgentState s = a.state(t);
        String reason = a.reason(t);
        if (s != a.shownState || !reason.equals(a.shownReason)) {
            a.shownState = s;
            a.shownReason = reason;
            out.add(new AgentStateChanged(a.id(), s, reason, t));
        }
    }

    private static long waited(ContactRecord c, long t) {
        return Math.max(0, t - c.contact.enqueuedAtMillis());
    }

    private List<ContactRecord> unansweredOf(String queue) {
        List<ContactRecord> list = new ArrayList<>();
        for (Keys.ContactKey k : index.unanswered(queue)) {
            list.add(state.contacts.get(k.contactId()));
        }
        return list;
    }

    /**
     * Expected wait of the contact at {@code position}: if n agents staff the queue and each frees
     * up on average every AHT, one frees up every AHT / n, so the contact waits for about position
     * × AHT / n. AHT is a smoothed mean of the queue's recent handle times (talk plus wrap-up), or
     * the configured default before any. -1 when nobody staffs the queue.
     */
    private long estimatedWait(String queue, int position) {
        int staffed = 0;
        int free = 0;
        long t = state.now;
        for (AgentRecord a : index.members(queue)) {
            if (a.ready || a.totalLoad > 0) {
                staffed++;
                if (a.indexedFree) {
                    free++;
                }
            }
        }
        if (staffed == 0) {
            return -1;
        }
        if (position <= free) {
            return 0;
        }
        double aht =
                state.handleTimeMillis.getOrDefault(
                        queue, (double) config.defaultHandleTime().toMillis());
        return Math.round((position - free) * aht / staffed);
    }
}
