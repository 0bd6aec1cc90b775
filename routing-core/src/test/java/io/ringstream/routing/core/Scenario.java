package io.ringstream.routing.core;

import io.ringstream.events.Channel;
import io.ringstream.routing.core.RoutingEffect.AgentStateChanged;
import io.ringstream.routing.core.RoutingEffect.OfferEnded;
import io.ringstream.routing.core.RoutingEffect.OfferMade;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test vocabulary for routing scenarios: agents and contacts written as short strings, a clock that
 * only moves when the test says so, and accessors for the effects of the last input.
 */
final class Scenario {
    static final long T0 = 1_700_000_000_000L;

    final RoutingEngine engine;
    long now = T0;
    List<RoutingEffect> last = List.of();

    Scenario(QueuePolicy... policies) {
        this(RoutingConfig.of(policies));
    }

    Scenario(RoutingConfig config) {
        this.engine = new RoutingEngine(config);
    }

    /**
     * A logged-in, ready agent. {@code skills} like "billing:5,sales:2"; {@code queues} and {@code
     * languages} comma separated; one voice line.
     */
    Scenario agent(String id, String queues, String skills, String languages) {
        return agent(profile(id, queues, skills, languages, Map.of(Channel.VOICE, 1), 1));
    }

    Scenario agent(AgentProfile profile) {
        engine.agentLogin(profile, now);
        last = engine.agentReady(profile.agentId(), now);
        return this;
    }

    static AgentProfile profile(
            String id,
            String queues,
            String skills,
            String languages,
            Map<Channel, Integer> capacity,
            int seniority) {
        return new AgentProfile(
                id, levels(skills), set(languages), capacity, set(queues), seniority);
    }

    static Contact call(String id, String queue, String skills, String language, long at) {
        return contact(id, Channel.VOICE, queue, skills, language, 0, at);
    }

    static Contact contact(
            String id,
            Channel channel,
            String queue,
            String skills,
            String language,
            int priority,
            long at) {
        return new Contact(
                id, "acme", channel, queue, levels(skills), language, priority, null, null, at);
    }

    /** Queues a voice call now. */
    List<RoutingEffect> call(String id, String queue, String skills, String language) {
        return queue(call(id, queue, skills, language, now));
    }

    List<RoutingEffect> queue(Contact contact) {
        last = engine.contactQueued(contact, now);
        return last;
    }

    List<RoutingEffect> after(double seconds) {
        now += Math.round(seconds * 1000);
        last = engine.advanceTime(now);
        return last;
    }

    /** Moves to the next deadline the engine asked for. */
    List<RoutingEffect> untilNextDeadline() {
        now = engine.nextDeadline().orElseThrow();
        last = engine.advanceTime(now);
        return last;
    }

    List<RoutingEffect> accept(Offer offer) {
        last = engine.offerAccepted(offer.offerId(), now);
        return last;
    }

    List<RoutingEffect> reject(Offer offer) {
        last = engine.offerRejected(offer.offerId(), now);
        return last;
    }

    List<RoutingEffect> end(String contactId) {
        last = engine.contactEnded(contactId, now);
        return last;
    }

    /** Queues a call and has its (single) offer accepted; returns the agent who got it. */
    String answered(String id, String queue, String skills, String language) {
        Offer offer = onlyOffer(call(id, queue, skills, language));
        accept(offer);
        return offer.agentId();
    }

    static List<Offer> offers(List<RoutingEffect> effects) {
        return effects.stream()
                .filter(OfferMade.class::isInstance)
                .map(e -> ((OfferMade) e).offer())
                .toList();
    }

    static Offer onlyOffer(List<RoutingEffect> effects) {
        List<Offer> offers = offers(effects);
        if (offers.size() != 1) {
            throw new AssertionError("expected exactly one offer in " + effects);
        }
        return offers.get(0);
    }

    static Decision decision(List<RoutingEffect> effects) {
        return effects.stream()
                .filter(OfferMade.class::isInstance)
                .map(e -> ((OfferMade) e).decision())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no decision in " + effects));
    }

    static List<OfferEnded> ended(List<RoutingEffect> effects) {
        return effects.stream()
                .filter(OfferEnded.class::isInstance)
                .map(OfferEnded.class::cast)
                .toList();
    }

    static List<AgentStateChanged> stateChanges(List<RoutingEffect> effects) {
        return effects.stream()
                .filter(AgentStateChanged.class::isInstance)
                .map(AgentStateChanged.class::cast)
                .toList();
    }

    static <T extends RoutingEffect> List<T> of(Class<T> type, List<RoutingEffect> effects) {
        return effects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    AgentState stateOf(String agentId) {
        return engine.agent(agentId).orElseThrow().state();
    }

    AgentView view(String agentId) {
        return engine.agent(agentId).orElseThrow();
    }

    static Map<String, Integer> levels(String spec) {
        Map<String, Integer> map = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return map;
        }
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split(":");
            map.put(kv[0], Integer.parseInt(kv[1]));
        }
        return map;
    }

    static Set<String> set(String spec) {
        Set<String> set = new LinkedHashSet<>();
        if (spec == null || spec.isBlank()) {
            return set;
        }
        for (String part : spec.split(",")) {
            set.add(part.trim());
        }
        return set;
    }
}
