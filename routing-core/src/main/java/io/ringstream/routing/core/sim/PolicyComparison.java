package io.ringstream.routing.core.sim;

import io.ringstream.events.Channel;
import io.ringstream.routing.core.QueuePolicy;
import io.ringstream.routing.core.RoutingConfig;
import io.ringstream.routing.core.RoutingStep;
import io.ringstream.routing.core.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Ringstream's routing policy against the ones users migrate from, on one multi-skill day: three
 * skills (billing, tech, sales), two languages (English, Spanish), voice and chat, log-normal
 * handle times, impatient callers, agents who take 1–4 s to answer and miss 2 % of offers.
 *
 * <p>Only the routing policy changes between runs; traffic, staff mix and random numbers are the
 * same. Service level here counts abandons against (answered within 20 s over answered plus
 * abandoned), so a policy cannot look good by letting callers hang up.
 */
public final class PolicyComparison {
    public static final double THRESHOLD_SECONDS = 20;
    public static final double TARGET = 0.80;
    private static final String[] QUEUES = {"billing", "tech", "sales"};

    private PolicyComparison() {}

    /** A routing policy under comparison. */
    public enum Policy {
        RINGSTREAM("Ringstream best fit"),
        RINGSTREAM_STEPS("Ringstream best fit + steps (>=4 for 10 s, >=2 for 20 s)"),
        PROFICIENCY_ONLY("best fit on proficiency only (weight 0)"),
        LONGEST_IDLE_FIFO("longest-idle FIFO"),
        RING_ALL("ring-all"),
        RANDOM("random");

        public final String label;

        Policy(String label) {
            this.label = label;
        }
    }

    /** One policy's figures at the common staffing, and its own staffing for 80/20. */
    public record Row(Policy policy, SimulationResult result, int agentsFor8020) {

        /** Answered within the threshold over answered plus abandoned. */
        public double serviceLevel() {
            return serviceLevelCountingAbandons(result);
        }
    }

    static double serviceLevelCountingAbandons(SimulationResult r) {
        long handled = r.answered() + r.abandoned();
        return handled == 0 ? 0 : (double) r.answeredWithinThreshold() / handled;
    }

    public static RoutingConfig routing(Policy policy, long seed) {
        List<QueuePolicy> queues = new ArrayList<>();
        for (String q : QUEUES) {
            QueuePolicy base =
                    QueuePolicy.simple(q)
                            .withOfferTimeout(Duration.ofSeconds(15))
                            .withWrapUp(Duration.ofSeconds(20))
                            .withMaxConsecutiveMisses(3);
            queues.add(
                    switch (policy) {
                        case RINGSTREAM, PROFICIENCY_ONLY -> base.withStrategy(Strategy.BEST_FIT);
                        case RINGSTREAM_STEPS ->
                                base.withStrategy(Strategy.BEST_FIT)
                                        .withSteps(
                                                RoutingStep.atLeast(4, Duration.ofSeconds(10)),
                                                RoutingStep.atLeast(2, Duration.ofSeconds(20)),
                                                RoutingStep.contactRequirements());
                        case LONGEST_IDLE_FIFO -> base.withStrategy(Strategy.LONGEST_IDLE);
                        case RING_ALL -> base.withStrategy(Strategy.RING_ALL);
                        case RANDOM -> base.withStrategy(Strategy.RANDOM);
                    });
        }
        return RoutingConfig.of(queues.toArray(QueuePolicy[]::new))
                .withSeed(seed)
                .withAuditCandidates(1)
                .withVersatilityWeight(
                        policy == Policy.PROFICIENCY_ONLY
                                ? 0
                                : RoutingConfig.DEFAULT_VERSATILITY_WEIGHT);
    }

    /** The day: rates per hour, constant, simulated {@code hours} after a 30-minute warm-up. */
    public static SimulationSpec day(Policy policy, double hours, long seed) {
        Map<Channel, Integer> blended = Map.of(Channel.VOICE, 1, Channel.CHAT, 2);
        List<AgentGroup> staff =
                List.of(
                        new AgentGroup(
                                "billing-en",
                                0.25,
                                Map.of("billing", 5, "tech", 2, "sales", 2),
                                Set.of("en"),
                                blended,
                                Set.of("billing", "tech", "sales")),
                        new AgentGroup(
                                "tech-en",
                                0.25,
                                Map.of("tech", 5, "billing", 2),
                                Set.of("en"),
                                blended,
                                Set.of("tech", "billing")),
                        new AgentGroup(
                                "bilingual",
                                0.25,
                                Map.of("billing", 4, "tech", 3, "sales", 3),
                                Set.of("en", "es"),
                                blended,
                                Set.of("billing", "tech", "sales")),
                        new AgentGroup(
                                "sales-en",
                                0.10,
                                Map.of("sales", 5, "billing", 1),
                                Set.of("en"),
                                Map.of(Channel.VOICE, 1),
                                Set.of("sales", "billing")),
                        new AgentGroup(
                                "chat-en",
                                0.15,
                                Map.of("tech", 4, "billing", 4),
                                Set.of("en"),
                                Map.of(Channel.CHAT, 3),
                                Set.of("tech", "billing")));
        List<ContactType> traffic =
                List.of(
                        voice("billing", "en", 120, 300, 180),
                        voice("billing", "es", 40, 330, 180),
                        voice("tech", "en", 90, 420, 240),
                        voice("tech", "es", 30, 420, 240),
                        voice("sales", "en", 60, 240, 120),
                        chat("tech", "en", 60, 600, 300),
                        chat("billing", "en", 40, 480, 300));
        return new SimulationSpec(
                routing(policy, seed),
                staff,
                traffic,
                0.5,
                hours,
                THRESHOLD_SECONDS,
                1,
                4,
                0.02,
                0.2,
                seed);
    }

    private static ContactType voice(
            String skill, String lang, double perHour, double aht, double patience) {
        return new ContactType(
                "voice-" + skill + "-" + lang,
                Channel.VOICE,
                skill,
                skill,
                lang,
                perHour,
                HandleTime.logNormal(aht, 0.6),
                patience);
    }

    private static ContactType chat(
            String skill, String lang, double perHour, double aht, double patience) {
        return new ContactType(
                "chat-" + skill + "-" + lang,
                Channel.CHAT,
                skill,
                skill,
                lang,
                perHour,
                HandleTime.logNormal(aht, 0.5),
                patience);
    }

    /** The fewest agents (searching upward from {@code from}) with service level >= 80 %. */
    public static int agentsFor8020(Policy policy, double hours, long seed, int from, int max) {
        for (int n = from; n <= max; n++) {
            if (serviceLevelCountingAbandons(Simulator.run(day(policy, hours, seed), n))
                    >= TARGET) {
                return n;
            }
        }
        return -1;
    }

    /** Every policy at {@code agents}, plus each policy's own 80/20 staffing. */
    public static List<Row> run(int agents, double hours, long seed, int searchFrom, int max) {
        List<Row> rows = new ArrayList<>();
        for (Policy p : Policy.values()) {
            rows.add(
                    new Row(
                            p,
                            Simulator.run(day(p, hours, seed), agents),
                            agentsFor8020(p, hours, seed, searchFrom, max)));
        }
        return rows;
    }

    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(
                "policy | agents | SL 20 s | ASA | abandoned | occupancy | occupancy stdev"
                        + " (min–max) | agents for 80/20\n");
        out.append("---|---|---|---|---|---|---|---\n");
        for (Row r : rows) {
            SimulationResult s = r.result();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%s | %d | %.1f%% | %.1f s | %.1f%% | %.1f%% | %.1f pts (%.0f–%.0f%%) | %s%n",
                            r.policy().label,
                            s.agents(),
                            100 * r.serviceLevel(),
                            s.averageSpeedOfAnswer(),
                            100 * s.abandonRate(),
                            100 * s.occupancy(),
                            100 * s.occupancyStdev(),
                            100 * s.occupancyMin(),
                            100 * s.occupancyMax(),
                            r.agentsFor8020() < 0 ? "not reached" : r.agentsFor8020()));
        }
        return out.toString();
    }
}
