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
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

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
    /** Routing order: higher priority first, then longer wait, then arrival. */
    private final Comparator<ContactRecord> routingOrder;

    private final RoutingConfig config;
    private final RoutingState state;
    private final Policies policies;
    private final Matcher matcher;
    private List<RoutingEffect> out = new ArrayList<>();

    public RoutingEngine(RoutingConfig config) {
        this(config, new RoutingState(config.seed()));
    }

    /** Resumes from state restored from a checkpoint (or a fresh one). */
    public RoutingEngine(RoutingConfig config, RoutingState state) {
        this.config = config;
        this.state = state;
        this.policies = new Policies(config);
        this.matcher = new Matcher(config, state, policies);
        this.routingOrder =
                Comparator.<ContactRecord>comparingInt(c -> -c.priority(config))
                        .thenComparingLong(c -> c.contact.enqueuedAtMillis())
                        .thenComparingLong(c -> c.seq);
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
        long t = begin(now);
        if (state.contacts.containsKey(contact.contactId())) {
            return ignored("contactQueued", contact.contactId(), "contact already known", t);
        }
        ContactRecord c = new ContactRecord(contact, state.seq++);
        c.stepIndex = policies.of(contact.queue()).stepIndexAt(waited(c, t));
        state.contacts.put(contact.contactId(), c);
        return finish(t);
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
        switch (hint.kind()) {
            case RAISE_PRIORITY -> c.extraPriority += hint.by();
            case PREFER_SENIOR -> c.preferSenior = true;
        }
        return finish(t);
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
        c.acceptedAt = t;
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

    /** The earliest time at which {@link #advanceTime} has something to do, if any. */
    public OptionalLong nextDeadline() {
        long next = Long.MAX_VALUE;
        for (Offer o : state.offers.values()) {
            next = Math.min(next, o.expiresAtMillis());
        }
        for (AgentRecord a : state.agents.values()) {
            if (a.wrapUpUntil > 0) {
                next = Math.min(next, a.wrapUpUntil);
            }
        }
        for (ContactRecord c : state.contacts.values()) {
            if (c.unassigned()) {
                long ends = policies.of(c.contact.queue()).stepEndsAfter(c.stepIndex);
                if (ends >= 0) {
                    next = Math.min(next, c.contact.enqueuedAtMillis() + ends);
                }
            }
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
        int position = inQueue.indexOf(c) + 1;
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
        for (AgentRecord a : state.agents.values()) {
            if (a.profile.queues().contains(queue)) {
                byState.merge(a.state(t), 1, Integer::sum);
            }
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

    public List<AgentView> agents() {
        long t = state.now;
        List<AgentView> views = new ArrayList<>();
        for (AgentRecord a : state.agents.values()) {
            Map<Channel, Integer> load = new EnumMap<>(Channel.class);
            for (Channel ch : Channel.values()) {
                if (a.load[ch.ordinal()] > 0) {
                    load.put(ch, a.load[ch.ordinal()]);
                }
            }
            views.add(
                    new AgentView(
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
                            a.misses));
        }
        return views;
    }

    public Optional<AgentView> agent(String agentId) {
        return agents().stream().filter(v -> v.agentId().equals(agentId)).findFirst();
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
        List<Offer> due = new ArrayList<>();
        for (Offer o : state.offers.values()) {
            if (o.expiresAtMillis() <= t) {
                due.add(o);
            }
        }
        due.sort(Comparator.comparingLong(Offer::expiresAtMillis).thenComparing(Offer::offerId));
        for (Offer o : due) {
            if (state.offers.containsKey(o.offerId())) {
                timeOut(o, t);
            }
        }
        for (AgentRecord a : state.agents.values()) {
            if (a.wrapUpUntil > 0 && a.wrapUpUntil <= t) {
                if (a.totalLoad == 0) {
                    a.idleSince = a.wrapUpUntil;
                }
                a.wrapUpUntil = 0;
                refresh(a, t);
            }
        }
        for (ContactRecord c : state.contacts.values()) {
            if (c.unassigned()) {
                int step = policies.of(c.contact.queue()).stepIndexAt(waited(c, t));
                if (step > c.stepIndex) {
                    out.add(new StepRelaxed(c.id(), c.contact.queue(), c.stepIndex, step, t));
                    c.stepIndex = step;
                }
            }
        }
    }

    /** Unanswered contacts in routing order each get the best eligible free agent. */
    private void match(long t) {
        List<ContactRecord> waiting = new ArrayList<>();
        for (ContactRecord c : state.contacts.values()) {
            if (c.status == Status.WAITING) {
                waiting.add(c);
            }
        }
        waiting.sort(routingOrder);
        for (ContactRecord c : waiting) {
            Matcher.Choice choice = matcher.choose(c, state.agents.values(), t);
            if (choice != null) {
                offer(c, choice, t);
            }
        }
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
            refresh(a, t);
        }
        c.status = Status.OFFERED;
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
        return finish(t);
    }

    /** The agent's work on the contact is over: capacity back, wrap-up starts. */
    private void complete(ContactRecord c, long t) {
        QueuePolicy policy = policies.of(c.contact.queue());
        long wrapUp = policy.wrapUp().toMillis();
        AgentRecord a = state.agents.get(c.agentId);
        if (a != null) {
            a.activeContacts.remove(c.id());
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
        for (ContactRecord c : state.contacts.values()) {
            if (c.unassigned() && c.contact.queue().equals(queue)) {
                list.add(c);
            }
        }
        list.sort(routingOrder);
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
        for (AgentRecord a : state.agents.values()) {
            if (a.profile.queues().contains(queue) && (a.ready || a.totalLoad > 0)) {
                staffed++;
                if (a.hasFreeCapacity(t)) {
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
