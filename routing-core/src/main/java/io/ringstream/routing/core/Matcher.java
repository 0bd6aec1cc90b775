package io.ringstream.routing.core;

import io.ringstream.events.Channel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Decides which agents a contact may go to under its current step and which of them the queue's
 * strategy picks, and writes the audit {@link Decision}. Pure apart from the round-robin position
 * and the random generator it advances in {@link RoutingState}.
 */
final class Matcher {
    /** The agents chosen (one, or all eligible for RING_ALL) and the decision to audit. */
    record Choice(List<AgentRecord> agents, Decision decision) {}

    private final RoutingConfig config;
    private final RoutingState state;
    private final Policies policies;

    Matcher(RoutingConfig config, RoutingState state, Policies policies) {
        this.config = config;
        this.state = state;
        this.policies = policies;
    }

    /** The contact's own queue plus every overflow queue of the steps up to {@code step}. */
    static Set<String> eligibleQueues(QueuePolicy policy, String queue, int step) {
        Set<String> queues = new HashSet<>();
        queues.add(queue);
        int last = Math.min(step, policy.steps().size() - 1);
        for (int i = 0; i <= last; i++) {
            queues.addAll(policy.steps().get(i).overflowQueues());
        }
        return queues;
    }

    /**
     * Null when the agent may take the contact now under step {@code step}, else the reason; the
     * agent is assumed to serve one of the eligible queues.
     */
    static String whyNot(ContactRecord c, RoutingStep step, AgentRecord a, long now) {
        Contact contact = c.contact;
        AgentProfile p = a.profile;
        if (contact.language() != null && !p.languages().contains(contact.language())) {
            return "does not speak " + contact.language();
        }
        if (!step.anyAgentOfQueue()) {
            for (var need : contact.requiredSkills().entrySet()) {
                int min = Math.max(need.getValue(), step.minProficiency());
                int has = p.proficiency(need.getKey());
                if (has < min) {
                    return need.getKey() + " " + has + " < " + min;
                }
            }
        }
        if (c.refusedBy.contains(p.agentId())) {
            return "refused this contact";
        }
        return a.capacityProblem(contact.channel(), now);
    }

    /** The allocation-free twin of {@link #whyNot}: true when it would return null. */
    static boolean eligible(ContactRecord c, RoutingStep step, AgentRecord a, long now) {
        Contact contact = c.contact;
        AgentProfile p = a.profile;
        if (!a.canTake(contact.channel(), now)) {
            return false;
        }
        if (contact.language() != null && !p.languages().contains(contact.language())) {
            return false;
        }
        if (!step.anyAgentOfQueue()) {
            for (var need : contact.requiredSkills().entrySet()) {
                if (p.proficiency(need.getKey())
                        < Math.max(need.getValue(), step.minProficiency())) {
                    return false;
                }
            }
        }
        return !c.refusedBy.contains(p.agentId());
    }

    /** Mean proficiency over the contact's required skills; 0 when it requires none. */
    /**
     * What assigning the contact would lock up that other contacts may need: each other channel the
     * agent could take now and no longer could (a voice call on a blended agent locks chat; a first
     * chat on an idle blended agent locks voice; one more chat locks nothing), plus half a point
     * per language the agent speaks beyond the contact's.
     */
    static double versatility(Contact contact, AgentRecord a) {
        double cost = 0;
        Channel channel = contact.channel();
        if (channel == Channel.VOICE) {
            for (var cap : a.profile.capacity().entrySet()) {
                if (cap.getKey() != Channel.VOICE && cap.getValue() > 0) {
                    cost += 1;
                }
            }
        } else if (a.totalLoad == 0 && a.profile.capacity(Channel.VOICE) > 0) {
            cost += 1;
        }
        if (contact.language() != null) {
            cost += 0.5 * Math.max(0, a.profile.languages().size() - 1);
        }
        return cost;
    }

    /**
     * BEST_FIT's score: mean proficiency on the required skills minus the configured weight times
     * {@link #versatility}. With weight 0 it is pure proficiency.
     */
    double bestFit(Contact contact, AgentRecord a) {
        double score = fit(contact, a.profile);
        double weight = config.versatilityWeight();
        return weight == 0 ? score : score - weight * versatility(contact, a);
    }

    static double fit(Contact contact, AgentProfile agent) {
        if (contact.requiredSkills().isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (String skill : contact.requiredSkills().keySet()) {
            sum += agent.proficiency(skill);
        }
        return sum / contact.requiredSkills().size();
    }

    /**
     * Picks among the free agents in {@code pool} (all serving an eligible queue); null when none
     * is eligible. {@code others} (members of the eligible queues, free or not) are only read to
     * fill the audit's ineligible part, up to the cap.
     */
    Choice choose(
            ContactRecord c, Iterable<AgentRecord> pool, Iterable<AgentRecord> others, long now) {
        Contact contact = c.contact;
        QueuePolicy policy = policies.of(contact.queue());
        RoutingStep step = policy.step(c.stepIndex);
        List<AgentRecord> eligible = new ArrayList<>();
        for (AgentRecord a : pool) {
            if (eligible(c, step, a, now)) {
                eligible.add(a);
            }
        }
        if (eligible.isEmpty()) {
            return null;
        }
        List<Candidate> ineligible = new ArrayList<>();
        for (AgentRecord a : others) {
            if (ineligible.size() >= config.auditCandidates()) {
                break;
            }
            String why = whyNot(c, step, a, now);
            if (why != null) {
                ineligible.add(new Candidate(a.id(), 0, false, why));
            }
        }
        Strategy strategy = policy.strategy();
        int k = config.auditCandidates();
        List<AgentRecord> chosen;
        List<AgentRecord> ranked; // chosen first, then the runners-up for the audit (<= k)
        String reason;
        AgentRecord preferred = null;
        if (contact.preferredAgentId() != null && strategy != Strategy.RING_ALL) {
            for (AgentRecord a : eligible) {
                if (a.id().equals(contact.preferredAgentId())) {
                    preferred = a;
                }
            }
        }
        if (preferred != null) {
            eligible.remove(preferred);
            ranked = new ArrayList<>(List.of(preferred));
            ranked.addAll(bestOf(eligible, strategy, c, k - 1));
            chosen = List.of(preferred);
            reason = "preferred agent";
        } else if (strategy == Strategy.RING_ALL) {
            chosen = List.copyOf(eligible);
            ranked = eligible.subList(0, Math.min(k, eligible.size()));
            reason = "ring all " + eligible.size();
        } else if (strategy == Strategy.RANDOM) {
            AgentRecord pick = eligible.get(state.nextInt(eligible.size()));
            reason = "random among " + eligible.size();
            eligible.remove(pick);
            ranked = new ArrayList<>(List.of(pick));
            ranked.addAll(eligible.subList(0, Math.min(k - 1, eligible.size())));
            chosen = List.of(pick);
        } else {
            ranked = bestOf(eligible, strategy, c, k);
            chosen = List.of(ranked.get(0));
            reason = explain(strategy, contact, chosen.get(0), now);
        }
        if (c.preferSenior && preferred == null && strategy != Strategy.RING_ALL) {
            reason = "senior first (" + chosen.get(0).profile.seniority() + "), " + reason;
        }
        if (strategy == Strategy.ROUND_ROBIN) {
            state.lastRoundRobin.put(contact.queue(), chosen.get(0).id());
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            AgentRecord a = ranked.get(i);
            candidates.add(new Candidate(a.id(), score(strategy, contact, a, i, now), true, null));
        }
        candidates.addAll(ineligible);
        c.attempts++;
        String stepText = "step " + (c.stepIndex + 1) + " " + describe(step) + ": ";
        Decision decision =
                new Decision(
                        io.ringstream.events.EventIds.of(
                                "routing-decision",
                                contact.tenant(),
                                contact.contactId(),
                                Integer.toString(c.attempts)),
                        contact.tenant(),
                        contact.contactId(),
                        contact.queue(),
                        strategy == Strategy.RING_ALL ? null : chosen.get(0).id(),
                        c.stepIndex,
                        strategy,
                        stepText + reason,
                        candidates,
                        now);
        return new Choice(chosen, decision);
    }

    /** The {@code k} first of {@code items} in {@code order}, sorted; O(n log k). */
    static <T> List<T> best(List<T> items, Comparator<T> order, int k) {
        if (k <= 0) {
            return new ArrayList<>();
        }
        if (items.size() <= k) {
            List<T> all = new ArrayList<>(items);
            all.sort(order);
            return all;
        }
        PriorityQueue<T> worstFirst = new PriorityQueue<>(k + 1, order.reversed());
        for (T item : items) {
            worstFirst.add(item);
            if (worstFirst.size() > k) {
                worstFirst.poll();
            }
        }
        List<T> top = new ArrayList<>(worstFirst);
        top.sort(order);
        return top;
    }

    /** An agent with its fit computed once, so comparisons stay cheap. */
    private record Ranked(AgentRecord agent, double fit) {}

    /** The {@code k} best eligible agents in the strategy's order. */
    private List<AgentRecord> bestOf(
            List<AgentRecord> eligible, Strategy strategy, ContactRecord c, int k) {
        List<Ranked> ranked = new ArrayList<>(eligible.size());
        for (AgentRecord a : eligible) {
            ranked.add(new Ranked(a, strategy == Strategy.BEST_FIT ? bestFit(c.contact, a) : 0));
        }
        List<AgentRecord> top = new ArrayList<>();
        for (Ranked r : best(ranked, order(strategy, c), k)) {
            top.add(r.agent());
        }
        return top;
    }

    private Comparator<Ranked> order(Strategy strategy, ContactRecord c) {
        Comparator<Ranked> byId = Comparator.comparing(r -> r.agent().id());
        Comparator<Ranked> byIdle =
                Comparator.<Ranked>comparingLong(r -> r.agent().idleSince).thenComparing(byId);
        Comparator<Ranked> order =
                switch (strategy) {
                    case BEST_FIT ->
                            Comparator.<Ranked>comparingDouble(r -> -r.fit()).thenComparing(byIdle);
                    case LONGEST_IDLE -> byIdle;
                    case FEWEST_CONTACTS ->
                            Comparator.<Ranked>comparingInt(r -> r.agent().handled)
                                    .thenComparing(byIdle);
                    case ROUND_ROBIN -> rotation(c.contact.queue(), byId);
                    case RANDOM, RING_ALL -> byId;
                };
        if (c.preferSenior && strategy != Strategy.RING_ALL && strategy != Strategy.RANDOM) {
            order =
                    Comparator.<Ranked>comparingInt(r -> -r.agent().profile.seniority())
                            .thenComparing(order);
        }
        return order;
    }

    /** Agents after the queue's last chosen one come first, in id order, then the wrap-around. */
    private Comparator<Ranked> rotation(String queue, Comparator<Ranked> byId) {
        String last = state.lastRoundRobin.get(queue);
        if (last == null) {
            return byId;
        }
        return Comparator.<Ranked>comparingInt(r -> r.agent().id().compareTo(last) > 0 ? 0 : 1)
                .thenComparing(byId);
    }

    private double score(Strategy strategy, Contact contact, AgentRecord a, int rank, long now) {
        return switch (strategy) {
            case BEST_FIT -> bestFit(contact, a);
            case LONGEST_IDLE -> Math.max(0, now - a.idleSince) / 1000.0;
            case FEWEST_CONTACTS -> -a.handled;
            case ROUND_ROBIN, RANDOM -> -rank;
            case RING_ALL -> 0;
        };
    }

    private String explain(Strategy strategy, Contact contact, AgentRecord a, long now) {
        long idle = Math.max(0, now - a.idleSince) / 1000;
        return switch (strategy) {
            case BEST_FIT ->
                    "best fit "
                            + twoDecimals(bestFit(contact, a))
                            + " (proficiency "
                            + twoDecimals(fit(contact, a.profile))
                            + ", versatility "
                            + twoDecimals(versatility(contact, a))
                            + "), idle "
                            + idle
                            + " s";
            case LONGEST_IDLE -> "idle longest (" + idle + " s)";
            case FEWEST_CONTACTS -> "fewest contacts (" + a.handled + ")";
            case ROUND_ROBIN -> "next in rotation";
            case RANDOM, RING_ALL -> strategy.name().toLowerCase(Locale.ROOT);
        };
    }

    /** 4.5 → "4.50" without String.format, which costs more than the rest of a decision. */
    static String twoDecimals(double value) {
        long hundredths = Math.round(value * 100);
        long frac = Math.abs(hundredths % 100);
        return (hundredths / 100) + "." + (frac < 10 ? "0" : "") + frac;
    }

    private static String describe(RoutingStep step) {
        if (step.anyAgentOfQueue()) {
            return "(any agent)";
        }
        return step.minProficiency() > 0
                ? "(proficiency >= " + step.minProficiency() + ")"
                : "(contact's minimums)";
    }
}
