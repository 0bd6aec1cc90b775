package io.ringstream.flink.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommand.AgentSpec;
import io.ringstream.events.RoutingCommand.ContactSpec;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.routing.TenantRouting.ContactInfo;
import io.ringstream.flink.routing.TenantRouting.Customer;
import io.ringstream.flink.routing.TenantRouting.OfferInfo;
import io.ringstream.routing.core.AgentProfile;
import io.ringstream.routing.core.AgentState;
import io.ringstream.routing.core.Candidate;
import io.ringstream.routing.core.Contact;
import io.ringstream.routing.core.Decision;
import io.ringstream.routing.core.Hint;
import io.ringstream.routing.core.Offer;
import io.ringstream.routing.core.QueuePosition;
import io.ringstream.routing.core.RemovalReason;
import io.ringstream.routing.core.RoutingEffect;
import io.ringstream.routing.core.RoutingEffect.AgentStateChanged;
import io.ringstream.routing.core.RoutingEffect.ContactRemoved;
import io.ringstream.routing.core.RoutingEffect.Ignored;
import io.ringstream.routing.core.RoutingEffect.OfferEnded;
import io.ringstream.routing.core.RoutingEffect.OfferMade;
import io.ringstream.routing.core.RoutingEngine;
import io.ringstream.routing.core.RoutingState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Applies the routing job's inputs to one tenant's {@link RoutingEngine} and turns the engine's
 * effects into the job's outputs: assignment events, decision-audit rows and dead letters. Plain
 * Java over {@link TenantRouting}, so the Flink operator is thin glue and this is unit-tested
 * without Flink.
 *
 * <p>Time is the caller's processing time in epoch milliseconds; a contact starts waiting at the
 * earlier of its command's event time and now, so time spent in Kafka counts against its steps.
 */
public final class TenantRouter {
    public static final String COMPONENT = Components.ROUTING_JOB;
    public static final String SOURCE = Components.ROUTING_JOB;

    /** Contact events that free a contact and an agent: abandons and hang-ups. */
    static final Set<ContactEventType> FREEING =
            EnumSet.of(ContactEventType.ABANDONED, ContactEventType.ENDED);

    /** CRM attributes the job reads from business events. */
    public static final String TIER = "tier";

    public static final String PREFERRED_AGENT = "preferredAgentId";

    private static final String PREFER_SENIOR = "PREFER_SENIOR";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tenant;
    private final TenantRouting state;
    private final RoutingSettings settings;
    private final RoutingEngine engine;

    public TenantRouter(String tenant, TenantRouting state, RoutingSettings settings) {
        this.tenant = tenant;
        this.state = state;
        this.settings = settings;
        if (state.engine == null) {
            state.engine = new RoutingEngine(settings.routing()).state();
        }
        this.engine = new RoutingEngine(settings.routing(), state.engine);
    }

    /** True while this router still wraps {@code value} (state backends may hand out copies). */
    public boolean wraps(TenantRouting value) {
        return value == state;
    }

    public TenantRouting state() {
        return state;
    }

    public RoutingEngine engine() {
        return engine;
    }

    /** Nothing left to route: no agent logged in and no contact known. */
    public boolean idle() {
        RoutingState s = engine.state();
        return s.agentCount() == 0 && s.contactCount() == 0;
    }

    public OptionalLong nextDeadline() {
        return engine.nextDeadline();
    }

    /** Applies what fell due up to {@code now}: offer timeouts, wrap-up ends, step relaxation. */
    public RoutingOutputs advance(long now) {
        RoutingOutputs out = new RoutingOutputs();
        run(out, () -> engine.advanceTime(now), null, null, now);
        return out;
    }

    public RoutingOutputs apply(RoutingInput input, long now) {
        RoutingOutputs out = new RoutingOutputs();
        if (input.command() != null) {
            command(input.command(), now, out);
        } else if (input.contactEvent() != null) {
            contactEvent(input.contactEvent(), now, out);
        } else if (input.businessEvent() != null) {
            businessEvent(input.businessEvent(), now, out);
        } else if (input.alert() != null) {
            alert(input.alert(), now, out);
        }
        return out;
    }

    private void command(RoutingCommand c, long now, RoutingOutputs out) {
        String topic = Topics.ROUTING_COMMANDS.name();
        switch (c.type()) {
            case CONTACT_QUEUED -> queued(c, now, out);
            case CONTACT_TRANSFERRED -> transferred(c, now, out);
            case CONTACT_ABANDONED ->
                    run(out, () -> engine.contactAbandoned(c.contactId(), now), c, topic, now);
            case CONTACT_ENDED ->
                    run(out, () -> engine.contactEnded(c.contactId(), now), c, topic, now);
            case AGENT_LOGIN -> login(c, now, out);
            case AGENT_READY -> run(out, () -> engine.agentReady(c.agentId(), now), c, topic, now);
            case AGENT_NOT_READY ->
                    run(
                            out,
                            () -> engine.agentNotReady(c.agentId(), c.reason(), now),
                            c,
                            topic,
                            now);
            case AGENT_LOGOUT ->
                    run(out, () -> engine.agentLogout(c.agentId(), now), c, topic, now);
            case WRAP_UP_ENDED ->
                    run(out, () -> engine.wrapUpEnded(c.agentId(), now), c, topic, now);
            case OFFER_ACCEPTED, OFFER_REJECTED -> answer(c, now, out);
        }
    }

    private void queued(RoutingCommand c, long now, RoutingOutputs out) {
        if (state.contacts.containsKey(c.contactId())) {
            return; // the PBX asked again: queued once, nothing changes
        }
        Contact contact = contactOf(c, now, out);
        if (contact == null) {
            return;
        }
        List<Hint> initial = pendingHints(c.contactId(), track(c));
        run(
                out,
                () -> engine.contactQueued(contact, initial, now),
                c,
                Topics.ROUTING_COMMANDS.name(),
                now);
    }

    /**
     * The PBX sends the contact on to another queue under the same id. Only a transfer from the
     * offer the contact's agent accepted counts; a repeated or stale one changes nothing.
     */
    private void transferred(RoutingCommand c, long now, RoutingOutputs out) {
        if (!engine.acceptedOffer(c.contactId()).equals(Optional.of(c.offerId()))) {
            return;
        }
        Contact contact = contactOf(c, now, out);
        if (contact == null) {
            return;
        }
        List<Hint> hints = pendingHints(c.contactId(), track(c));
        run(
                out,
                () -> engine.contactTransferred(c.offerId(), contact, hints, now),
                c,
                Topics.ROUTING_COMMANDS.name(),
                now);
    }

    /**
     * The engine's contact for a queue or transfer command; null (and a dead letter) if invalid.
     */
    private Contact contactOf(RoutingCommand c, long now, RoutingOutputs out) {
        ContactSpec spec = c.contact();
        Customer customer =
                spec.customerId() == null ? null : state.customers.get(spec.customerId());
        try {
            return new Contact(
                    c.contactId(),
                    tenant,
                    spec.channel(),
                    spec.queue(),
                    spec.skills(),
                    spec.language(),
                    spec.priority(),
                    customer == null ? null : customer.tier(),
                    customer == null ? null : customer.preferredAgentId(),
                    Math.max(0, Math.min(c.eventTime(), now)));
        } catch (IllegalArgumentException e) {
            reject(out, c, Topics.ROUTING_COMMANDS.name(), "invalid contact: " + e.getMessage());
            return null;
        }
    }

    private ContactInfo track(RoutingCommand c) {
        ContactSpec spec = c.contact();
        ContactInfo info = new ContactInfo(spec.queue(), spec.channel(), spec.customerId());
        state.contacts.put(c.contactId(), info);
        return info;
    }

    /**
     * A sentiment alert that came before (re)queueing must shape the first match in the new queue,
     * not a later one.
     */
    private List<Hint> pendingHints(String contactId, ContactInfo info) {
        if (state.preferSenior.remove(contactId) == null) {
            return List.of();
        }
        info.hintsApplied().add(PREFER_SENIOR);
        return List.of(Hint.preferSenior());
    }

    private void login(RoutingCommand c, long now, RoutingOutputs out) {
        AgentSpec spec = c.agent();
        AgentProfile profile;
        try {
            profile =
                    new AgentProfile(
                            c.agentId(),
                            spec.skills(),
                            new HashSet<>(spec.languages()),
                            spec.capacity().isEmpty() ? Map.of(Channel.VOICE, 1) : spec.capacity(),
                            new HashSet<>(spec.queues()),
                            spec.seniority());
        } catch (IllegalArgumentException e) {
            reject(out, c, Topics.ROUTING_COMMANDS.name(), "invalid agent: " + e.getMessage());
            return;
        }
        if (spec.endpoint() != null) {
            state.endpoints.put(c.agentId(), spec.endpoint());
        }
        run(out, () -> engine.agentLogin(profile, now), c, Topics.ROUTING_COMMANDS.name(), now);
    }

    /** Accept and reject count only from the agent the offer was made to. */
    private void answer(RoutingCommand c, long now, RoutingOutputs out) {
        OfferInfo offer = state.offers.get(c.offerId());
        if (offer == null || !offer.agentId().equals(c.agentId())) {
            return; // unknown, ended, or someone else's offer: nothing to do
        }
        boolean accept = c.type() == io.ringstream.events.RoutingCommandType.OFFER_ACCEPTED;
        run(
                out,
                () ->
                        accept
                                ? engine.offerAccepted(c.offerId(), now)
                                : engine.offerRejected(c.offerId(), now),
                c,
                Topics.ROUTING_COMMANDS.name(),
                now);
    }

    private void contactEvent(ContactEvent e, long now, RoutingOutputs out) {
        if (!state.contacts.containsKey(e.contactId())) {
            return; // a contact routing never saw (e.g. routed by the PBX's own queues)
        }
        // An expression, not a statement: a new event type does not compile until it is placed.
        Supplier<List<RoutingEffect>> effect =
                switch (e.type()) {
                    case ABANDONED -> () -> engine.contactAbandoned(e.contactId(), now);
                    case ENDED -> () -> engine.contactEnded(e.contactId(), now);
                        // Not in FREEING: the job does not pass them here.
                    case ARRIVED,
                                    IDENTIFIED,
                                    QUEUED,
                                    OFFERED,
                                    OFFER_REJECTED,
                                    OFFER_TIMED_OUT,
                                    ANSWERED,
                                    HELD,
                                    RESUMED,
                                    TRANSFERRED,
                                    DEQUEUED,
                                    TALK_ENDED,
                                    WRAPUP_ENDED ->
                            null;
                };
        if (effect != null) {
            run(out, effect, e, Topics.CONTACT_EVENTS.name(), now);
        }
    }

    private void businessEvent(BusinessEvent e, long now, RoutingOutputs out) {
        String tier = e.attributes().get(TIER);
        String preferred = e.attributes().get(PREFERRED_AGENT);
        if (tier == null && preferred == null) {
            return;
        }
        Customer before = state.customers.get(e.customerId());
        state.customers.put(
                e.customerId(),
                new Customer(
                        tier != null ? tier : before == null ? null : before.tier(),
                        preferred != null
                                ? preferred
                                : before == null ? null : before.preferredAgentId()));
        List<String> affected = new ArrayList<>();
        state.contacts.forEach(
                (contactId, info) -> {
                    if (e.customerId().equals(info.customerId())
                            || contactId.equals(e.contactId())) {
                        affected.add(contactId);
                    }
                });
        for (String contactId : affected) {
            run(
                    out,
                    () -> engine.updateCustomer(contactId, tier, preferred, now),
                    e,
                    Topics.BUSINESS_EVENTS.name(),
                    now);
        }
    }

    private void alert(SupervisorAlert a, long now, RoutingOutputs out) {
        switch (a.kind()) {
            case SLA_WARNING ->
                    applyHint(
                            a.subject(),
                            Hint.raisePriority(settings.slaWarningBoost()),
                            a.kind().name(),
                            now,
                            out);
            case SLA_BREACH ->
                    applyHint(
                            a.subject(),
                            Hint.raisePriority(settings.slaBreachBoost()),
                            a.kind().name(),
                            now,
                            out);
            case NEGATIVE_SENTIMENT -> {
                // Usually raised while the customer talks to an agent: remember it for the
                // transfer (the contact queued again), and apply it now if it still waits.
                state.preferSenior.put(a.subject(), Boolean.TRUE);
                applyHint(a.subject(), Hint.preferSenior(), PREFER_SENIOR, now, out);
            }
        }
    }

    /**
     * Each kind of hint applies once per contact stay, however often the alert repeats; a hint the
     * engine ignores (the contact is already with an agent) is not used up.
     */
    private void applyHint(String contactId, Hint hint, String kind, long now, RoutingOutputs out) {
        ContactInfo info = state.contacts.get(contactId);
        if (info == null || info.hintsApplied().contains(kind)) {
            return;
        }
        List<RoutingEffect> effects = engine.hint(contactId, hint, now);
        boolean used =
                effects.stream().noneMatch(e -> e instanceof Ignored i && "hint".equals(i.input()));
        if (used) {
            out.changed = true;
            info.hintsApplied().add(kind);
            if (hint.kind() == Hint.Kind.PREFER_SENIOR) {
                state.preferSenior.remove(contactId);
            }
        }
        translate(effects, now, out);
    }

    /**
     * Runs one engine input and translates its effects. An engine failure (a bug) must not stop the
     * job: the input becomes a dead letter with the reason.
     */
    private void run(
            RoutingOutputs out,
            Supplier<List<RoutingEffect>> input,
            RingstreamEvent cause,
            String topic,
            long now) {
        List<RoutingEffect> effects;
        try {
            effects = input.get();
        } catch (RuntimeException e) {
            if (cause == null) {
                throw e;
            }
            reject(out, cause, topic, "routing engine failed: " + e);
            return;
        }
        if (cause != null && effects.stream().noneMatch(e -> e instanceof Ignored)) {
            // An input the engine took without visible effect (a contact that must wait) still
            // changed what a snapshot shows.
            out.changed = true;
        }
        translate(effects, now, out);
    }

    private void translate(List<RoutingEffect> effects, long now, RoutingOutputs out) {
        Map<String, Decision> decisions = new LinkedHashMap<>();
        Map<String, List<Offer>> offersOfDecision = new LinkedHashMap<>();
        for (RoutingEffect effect : effects) {
            if (!(effect instanceof Ignored)) {
                out.changed = true;
            }
            if (effect instanceof OfferMade made) {
                offerMade(made, now, out);
                decisions.putIfAbsent(made.decision().decisionId(), made.decision());
                offersOfDecision
                        .computeIfAbsent(made.decision().decisionId(), k -> new ArrayList<>())
                        .add(made.offer());
            } else if (effect instanceof OfferEnded ended) {
                offerEnded(ended, out);
            } else if (effect instanceof AgentStateChanged changed) {
                if (changed.state() == AgentState.OFFLINE) {
                    state.endpoints.remove(changed.agentId());
                    state.agentSince.remove(changed.agentId());
                } else {
                    state.agentSince.put(changed.agentId(), changed.atMillis());
                }
            } else if (effect instanceof ContactRemoved removed
                    && removed.why() != RemovalReason.TRANSFERRED) {
                // A transferred contact waits again under its id: its new record stays.
                state.contacts.remove(removed.contactId());
            }
        }
        decisions.forEach(
                (id, decision) -> out.decisions.add(row(decision, offersOfDecision.get(id))));
    }

    private void offerMade(OfferMade made, long now, RoutingOutputs out) {
        Offer o = made.offer();
        ContactInfo info = state.contacts.get(o.contactId());
        state.offers.put(
                o.offerId(),
                new OfferInfo(
                        o.contactId(),
                        o.agentId(),
                        o.queue(),
                        o.stepIndex() + 1,
                        o.expiresAtMillis(),
                        made.decision().decisionId()));
        out.assignments.add(
                new Assignment(
                        RingstreamEvent.CURRENT_SCHEMA_VERSION,
                        Assignment.idOf(tenant, o.offerId(), AssignmentType.OFFERED),
                        AssignmentType.OFFERED,
                        tenant,
                        o.offeredAtMillis(),
                        SOURCE,
                        o.offerId(),
                        o.contactId(),
                        o.agentId(),
                        state.endpoints.get(o.agentId()),
                        o.queue(),
                        info == null ? Channel.VOICE : info.channel(),
                        o.stepIndex() + 1,
                        o.expiresAtMillis(),
                        info == null ? null : info.customerId(),
                        made.decision().decisionId(),
                        made.decision().reason(),
                        Map.of()));
    }

    private void offerEnded(OfferEnded ended, RoutingOutputs out) {
        OfferInfo offer = state.offers.remove(ended.offerId());
        ContactInfo info = state.contacts.get(ended.contactId());
        AssignmentType type =
                switch (ended.outcome()) {
                    case ACCEPTED -> AssignmentType.ACCEPTED;
                    case REJECTED -> AssignmentType.REJECTED;
                    case TIMED_OUT -> AssignmentType.TIMED_OUT;
                    case RESCINDED -> AssignmentType.CANCELLED;
                };
        out.assignments.add(
                new Assignment(
                        RingstreamEvent.CURRENT_SCHEMA_VERSION,
                        Assignment.idOf(tenant, ended.offerId(), type),
                        type,
                        tenant,
                        ended.atMillis(),
                        SOURCE,
                        ended.offerId(),
                        ended.contactId(),
                        ended.agentId(),
                        state.endpoints.get(ended.agentId()),
                        offer == null ? (info == null ? null : info.queue()) : offer.queue(),
                        info == null ? null : info.channel(),
                        offer == null ? 0 : offer.step(),
                        offer == null ? null : offer.expiresAt(),
                        info == null ? null : info.customerId(),
                        offer == null ? null : offer.decisionId(),
                        ended.outcome().name().toLowerCase(java.util.Locale.ROOT),
                        Map.of()));
    }

    private DecisionRow row(Decision d, List<Offer> offers) {
        int eligible = 0;
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (Candidate c : d.candidates()) {
            eligible += c.eligible() ? 1 : 0;
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("agentId", c.agentId());
            json.put("score", c.score());
            json.put("eligible", c.eligible());
            json.put("whyNot", c.whyNot());
            candidates.add(json);
        }
        String text;
        try {
            text = JSON.writeValueAsString(candidates);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode candidates", e);
        }
        return new DecisionRow(
                d.decisionId(),
                d.tenant(),
                d.atMillis(),
                d.contactId(),
                d.queue(),
                d.chosenAgentId() == null ? "" : d.chosenAgentId(),
                offers.size() == 1 ? offers.get(0).offerId() : "",
                d.stepIndex() + 1,
                d.strategy().name(),
                d.reason() == null ? "" : d.reason(),
                d.candidates().size(),
                eligible,
                text);
    }

    private void reject(RoutingOutputs out, RingstreamEvent cause, String topic, String reason) {
        out.deadLetters.add(
                new DeadLetter(
                        reason,
                        COMPONENT,
                        DeadLetter.Origin.KAFKA,
                        topic,
                        null,
                        null,
                        payload(cause),
                        System.currentTimeMillis()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String payload(RingstreamEvent cause) {
        io.ringstream.events.serde.EventSerde serde =
                io.ringstream.events.serde.EventSerde.of(cause.getClass());
        try {
            return serde.toJson(cause);
        } catch (RuntimeException e) {
            return String.valueOf(cause);
        }
    }

    /** The engine's view of a contact, for status snapshots. */
    OptionalLong estimatedWait(String contactId, long now) {
        return engine.position(contactId, now)
                .map(QueuePosition::estimatedWaitMillis)
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    Set<String> queues() {
        Set<String> names = new java.util.TreeSet<>(settings.routing().queues().keySet());
        engine.agents().forEach(a -> names.addAll(a.queues()));
        state.contacts.values().forEach(c -> names.add(c.queue()));
        return names;
    }
}
