package io.ringstream.routing.core.bench;

import io.ringstream.events.Channel;
import io.ringstream.routing.core.AgentProfile;
import io.ringstream.routing.core.Contact;
import io.ringstream.routing.core.QueuePolicy;
import io.ringstream.routing.core.RoutingConfig;
import io.ringstream.routing.core.RoutingEffect;
import io.ringstream.routing.core.RoutingEngine;
import io.ringstream.routing.core.RoutingStep;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A large seeded contact center for the matcher benchmarks: 20 queues, 30 skills, 3 languages; each
 * agent serves 2 queues with the queues' 3 skills each at a random proficiency and speaks English
 * plus, for a third of them, Spanish or French; contacts need one skill of their queue at 1 or 2, a
 * fifth of them in Spanish or French, with priorities 0..2.
 */
final class CenterBuilder {
    static final int QUEUES = 20;
    static final int SKILLS = 30;
    private static final String[] LANGUAGES = {"en", "es", "fr"};

    final RoutingEngine engine;
    final SplittableRandom random = new SplittableRandom(42);

    /** Contacts being handled, oldest first: the next to end. */
    final Deque<String> active = new ArrayDeque<>();

    /** Contacts queued and not yet assigned, oldest first. */
    final Set<String> waiting = new LinkedHashSet<>();

    long now = 1_000_000;
    private int nextContact;

    CenterBuilder(int agents) {
        List<QueuePolicy> policies = new ArrayList<>();
        for (int q = 0; q < QUEUES; q++) {
            policies.add(
                    QueuePolicy.simple("q" + q)
                            .withSteps(
                                    RoutingStep.atLeast(3, Duration.ofSeconds(15)),
                                    RoutingStep.contactRequirements())
                            .withOfferTimeout(Duration.ofHours(1)));
        }
        engine = new RoutingEngine(RoutingConfig.of(policies.toArray(QueuePolicy[]::new)));
        for (int i = 0; i < agents; i++) {
            int q1 = random.nextInt(QUEUES);
            int q2 = (q1 + 1 + random.nextInt(QUEUES - 1)) % QUEUES;
            Map<String, Integer> skills = new HashMap<>();
            for (int q : new int[] {q1, q2}) {
                for (int k = 0; k < 3; k++) {
                    skills.merge(skillOfQueue(q, k), 1 + random.nextInt(5), Math::max);
                }
            }
            Set<String> languages = new HashSet<>();
            languages.add("en");
            if (random.nextInt(3) == 0) {
                languages.add(LANGUAGES[1 + random.nextInt(2)]);
            }
            AgentProfile p =
                    new AgentProfile(
                            "agent" + i,
                            skills,
                            languages,
                            Map.of(Channel.VOICE, 1),
                            Set.of("q" + q1, "q" + q2),
                            1 + random.nextInt(5));
            engine.agentLogin(p, now);
            engine.agentReady(p.agentId(), now);
        }
    }

    private static String skillOfQueue(int queue, int k) {
        return "skill" + ((queue * 3 + k) % SKILLS);
    }

    Contact nextContact() {
        int q = random.nextInt(QUEUES);
        String language = random.nextInt(5) == 0 ? LANGUAGES[1 + random.nextInt(2)] : "en";
        return new Contact(
                "c" + nextContact++,
                "bench",
                Channel.VOICE,
                "q" + q,
                Map.of(skillOfQueue(q, random.nextInt(3)), 1 + random.nextInt(2)),
                language,
                random.nextInt(3),
                null,
                null,
                now);
    }

    /** Queues a contact and accepts whatever offers it caused; returns the decisions made. */
    int queueAndAccept(Contact c) {
        waiting.add(c.contactId());
        return acceptAll(engine.contactQueued(c, now));
    }

    /**
     * The oldest waiting callers hang up until {@code target} are left, so that a long run keeps
     * the center in the same shape (contacts nobody free can take would otherwise pile up).
     */
    void abandonDownTo(int target) {
        var it = waiting.iterator();
        while (waiting.size() > target) {
            String id = it.next();
            it.remove();
            engine.contactAbandoned(id, now);
        }
    }

    int acceptAll(List<RoutingEffect> effects) {
        int decisions = 0;
        for (RoutingEffect e : effects) {
            if (e instanceof RoutingEffect.OfferMade made) {
                decisions++;
                for (RoutingEffect after : engine.offerAccepted(made.offer().offerId(), now)) {
                    if (after instanceof RoutingEffect.ContactAssigned assigned) {
                        active.addLast(assigned.contactId());
                        waiting.remove(assigned.contactId());
                    }
                }
            }
        }
        return decisions;
    }

    int waiting() {
        return waiting.size();
    }
}
