package io.ringstream.routing.core;

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
            ranked.addAll(best(eligible, order(strategy, c), k - 1));
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
            ranked = best(eligible, order(strategy, c), k);
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

    private Comparator<AgentRecord> order(Strategy strategy, ContactRecord c) {
        Comparator<AgentRecord> byIdle =
                Comparator.<AgentRecord>comparingLong(a -> a.idleSince)
                        .thenComparing(AgentRecord::id);
        Comparator<AgentRecord> order =
                switch (strategy) {
                    case BEST_FIT ->
                            Comparator.<AgentRecord>comparingDouble(a -> -fit(c.contact, a.profile))
                                    .thenComparing(byIdle);
                    case LONGEST_IDLE -> byIdle;
                    case FEWEST_CONTACTS ->
                            Comparator.<AgentRecord>comparingInt(a -> a.handled)
                                    .thenComparing(byIdle);
                    case ROUND_ROBIN -> rotation(c.contact.queue());
                    case RANDOM, RING_ALL -> Comparator.comparing(AgentRecord::id);
                };
        if (c.preferSenior && strategy != Strategy.RING_ALL && strategy != Strategy.RANDOM) {
            order =
                    Comparator.<AgentRecord>comparingInt(a -> -a.profile.seniority())
                            .thenComparing(order);
        }
        return order;
    }

    /** Agents after the queue's last chosen one come first, in id order, then the wrap-around. */
    private Comparator<AgentRecord> rotation(String queue) {
        String last = state.lastRoundRobin.get(queue);
        if (last == null) {
            return Comparator.comparing(AgentRecord::id);
        }
        return Comparator.<AgentRecord>comparingInt(a -> a.id().compareTo(last) > 0 ? 0 : 1)
                .thenComparing(AgentRecord::id);
    }

    private static double score(
            Strategy strategy, Contact contact, AgentRecord a, int rank, long now) {
        return switch (strategy) {
            case BEST_FIT -> fit(contact, a.profile);
            case LONGEST_IDLE -> Math.max(0, now - a.idleSince) / 1000.0;
            case FEWEST_CONTACTS -> -a.handled;
            case ROUND_ROBIN, RANDOM -> -rank;
            case RING_ALL -> 0;
        };
    }

    private static String explain(Strategy strategy, Contact contact, AgentRecord a, long now) {
        long idle = Math.max(0, now - a.idleSince) / 1000;
        return switch (strategy) {
            case BEST_FIT ->
                    String.format(
                            Locale.ROOT, "best fit %.2f, idle %d s", fit(contact, a.profile), idle);
            case LONGEST_IDLE -> "idle longest (" + idle + " s)";
            case FEWEST_CONTACTS -> "fewest contacts (" + a.handled + ")";
            case ROUND_ROBIN -> "next in rotation";
            case RANDOM, RING_ALL -> strategy.name().toLowerCase(Locale.ROOT);
        };
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
