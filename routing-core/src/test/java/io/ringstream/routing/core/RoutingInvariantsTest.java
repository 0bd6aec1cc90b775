package io.ringstream.routing.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random input sequences against invariants checked by brute force over every agent and contact:
 * the indexed, incremental matcher never leaves a waiting contact next to a free agent who could
 * take it, capacity bookkeeping adds up, and a restored engine decides exactly as the original.
 */
class RoutingInvariantsTest {
    private static final String[] QUEUES = {"sales", "billing", "tech"};
    private static final String[] SKILLS = {"sales", "billing", "tech"};
    private static final String[] LANGS = {"en", "es"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void invariantsHoldAfterEveryInput(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        RoutingConfig config = randomConfig(r, seed);
        RoutingEngine engine = new RoutingEngine(config);
        long now = 1_000_000;
        int contacts = 0;
        for (int step = 0; step < 400; step++) {
            now += r.nextInt(4) == 0 ? r.nextInt(30_000) : 0;
            RoutingState before = RoutingState.fromBytes(engine.state().toBytes());
            long at = now;
            Input input = randomInput(r, engine, at, contacts++);
            List<RoutingEffect> effects = input.apply(engine);
            // a restored copy of the previous state makes the same decisions
            assertThat(input.apply(new RoutingEngine(config, before)))
                    .as("replay of input %d after restore", step)
                    .isEqualTo(effects);
            assertInvariants(engine, engine.state().now);
        }
    }

    /** One engine input, replayable against another engine. */
    private interface Input {
        List<RoutingEffect> apply(RoutingEngine engine);
    }

    private static Input randomInput(SplittableRandom r, RoutingEngine e, long now, int n) {
        List<String> agents = new ArrayList<>(e.state().agents.keySet());
        List<String> contacts = new ArrayList<>(e.state().contacts.keySet());
        List<String> offers = new ArrayList<>(e.state().offers.keySet());
        String agent = agents.isEmpty() ? "nobody" : agents.get(r.nextInt(agents.size()));
        String contact = contacts.isEmpty() ? "none" : contacts.get(r.nextInt(contacts.size()));
        String offer = offers.isEmpty() ? "none" : offers.get(r.nextInt(offers.size()));
        int kind = r.nextInt(16);
        switch (kind) {
            case 0, 1:
                AgentProfile p = randomAgent(r, "a" + r.nextInt(14));
                return en -> en.agentLogin(p, now);
            case 2, 3:
                return en -> en.agentReady(agent, now);
            case 4:
                return en -> en.agentNotReady(agent, "break", now);
            case 5:
                return en -> en.agentLogout(agent, now);
            case 6, 7, 8:
                Contact c = randomContact(r, "c" + n, now - r.nextInt(20_000));
                return en -> en.contactQueued(c, now);
            case 9:
                return en -> en.contactAbandoned(contact, now);
            case 10:
                return en -> en.contactEnded(contact, now);
            case 11:
                return en -> en.offerAccepted(offer, now);
            case 12:
                return en -> en.offerRejected(offer, now);
            case 13:
                return en -> en.wrapUpEnded(agent, now);
            case 14:
                Hint h =
                        r.nextBoolean()
                                ? Hint.raisePriority(1 + r.nextInt(3))
                                : Hint.preferSenior();
                return en -> en.hint(contact, h, now);
            default:
                long to =
                        e.nextDeadline().isPresent() && r.nextBoolean()
                                ? Math.max(now, e.nextDeadline().getAsLong())
                                : now;
                return en -> en.advanceTime(to);
        }
    }

    private static void assertInvariants(RoutingEngine engine, long now) {
        RoutingState s = engine.state();
        Policies policies = new Policies(engine.config());
        for (ContactRecord c : s.contacts.values()) {
            QueuePolicy policy = policies.of(c.contact.queue());
            if (c.unassigned()) {
                assertThat(c.stepIndex)
                        .as("step of %s", c.id())
                        .isEqualTo(policy.stepIndexAt(now - c.contact.enqueuedAtMillis()));
            }
            assertThat(c.status == ContactRecord.Status.OFFERED)
                    .isEqualTo(!c.pendingOffers.isEmpty());
            if (c.status != ContactRecord.Status.WAITING) {
                continue;
            }
            Set<String> queues = Matcher.eligibleQueues(policy, c.contact.queue(), c.stepIndex);
            RoutingStep step = policy.step(c.stepIndex);
            for (AgentRecord a : s.agents.values()) {
                String why = Matcher.whyNot(c, step, a, now);
                assertThat(Matcher.eligible(c, step, a, now)).isEqualTo(why == null);
                boolean serves = a.profile.queues().stream().anyMatch(queues::contains);
                assertThat(serves && why == null)
                        .as("waiting %s left next to free eligible agent %s", c.id(), a.id())
                        .isFalse();
            }
        }
        for (AgentRecord a : s.agents.values()) {
            Map<Channel, Integer> load = new HashMap<>();
            for (String o : a.pendingOffers) {
                load.merge(
                        s.contacts.get(s.offers.get(o).contactId()).contact.channel(),
                        1,
                        Integer::sum);
            }
            for (String id : a.activeContacts) {
                load.merge(s.contacts.get(id).contact.channel(), 1, Integer::sum);
            }
            for (Channel ch : Channel.values()) {
                assertThat(a.load[ch.ordinal()])
                        .as("load of %s", a.id())
                        .isEqualTo(load.getOrDefault(ch, 0));
            }
            if (!a.ready) {
                assertThat(a.pendingOffers).isEmpty();
            }
        }
        assertThat(engine.nextDeadline().orElse(Long.MAX_VALUE)).isGreaterThan(now);
    }

    private static RoutingConfig randomConfig(SplittableRandom r, long seed) {
        Strategy[] strategies = Strategy.values();
        List<QueuePolicy> policies = new ArrayList<>();
        for (String q : QUEUES) {
            String overflow = QUEUES[(List.of(QUEUES).indexOf(q) + 1) % QUEUES.length];
            policies.add(
                    new QueuePolicy(
                            q,
                            List.of(
                                    RoutingStep.atLeast(4, Duration.ofSeconds(10)),
                                    RoutingStep.atLeast(2, Duration.ofSeconds(20))
                                            .withOverflow(overflow),
                                    RoutingStep.contactRequirements()),
                            strategies[r.nextInt(strategies.length)],
                            Duration.ofSeconds(5 + r.nextInt(20)),
                            Duration.ofSeconds(r.nextInt(3) * 10),
                            r.nextInt(3)));
        }
        return RoutingConfig.of(policies.toArray(QueuePolicy[]::new))
                .withSeed(seed)
                .withTierPriority(Map.of("gold", 2))
                .withAuditCandidates(3);
    }

    private static AgentProfile randomAgent(SplittableRandom r, String id) {
        Map<String, Integer> skills = new HashMap<>();
        for (String s : SKILLS) {
            if (r.nextInt(3) > 0) {
                skills.put(s, 1 + r.nextInt(5));
            }
        }
        Map<Channel, Integer> capacity =
                switch (r.nextInt(3)) {
                    case 0 -> Map.of(Channel.VOICE, 1);
                    case 1 -> Map.of(Channel.CHAT, 1 + r.nextInt(3));
                    default -> Map.of(Channel.VOICE, 1, Channel.CHAT, 2);
                };
        return new AgentProfile(
                id,
                skills,
                r.nextBoolean() ? Set.of("en") : Set.of("en", "es"),
                capacity,
                new java.util.HashSet<>(List.of(QUEUES[r.nextInt(3)], QUEUES[r.nextInt(3)])),
                1 + r.nextInt(5));
    }

    private static Contact randomContact(SplittableRandom r, String id, long enqueuedAt) {
        String skill = SKILLS[r.nextInt(SKILLS.length)];
        return new Contact(
                id,
                "acme",
                r.nextBoolean() ? Channel.VOICE : Channel.CHAT,
                QUEUES[r.nextInt(QUEUES.length)],
                Map.of(skill, 1 + r.nextInt(3)),
                LANGS[r.nextInt(2)],
                r.nextInt(3),
                r.nextInt(4) == 0 ? "gold" : null,
                r.nextInt(5) == 0 ? "a" + r.nextInt(14) : null,
                Math.max(0, enqueuedAt));
    }
}
