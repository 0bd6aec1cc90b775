package io.ringstream.routing.core;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Routing configuration of one tenant: the policy of each queue, the policy template used for
 * queues nobody configured, extra priority per customer tier, the random seed, how many candidates
 * an audit row lists, the handle time the wait estimator assumes before it has seen any, and how
 * much BEST_FIT weighs keeping versatile agents (blended channels, extra languages) free against
 * proficiency (0: proficiency only; default 2, see docs/routing.md for why).
 */
public record RoutingConfig(
        Map<String, QueuePolicy> queues,
        QueuePolicy fallback,
        Map<String, Integer> tierPriority,
        long seed,
        int auditCandidates,
        Duration defaultHandleTime,
        double versatilityWeight)
        implements Serializable {

    public static final double DEFAULT_VERSATILITY_WEIGHT = 2.0;

    /** The configuration with the default versatility weight. */
    public RoutingConfig(
            Map<String, QueuePolicy> queues,
            QueuePolicy fallback,
            Map<String, Integer> tierPriority,
            long seed,
            int auditCandidates,
            Duration defaultHandleTime) {
        this(
                queues,
                fallback,
                tierPriority,
                seed,
                auditCandidates,
                defaultHandleTime,
                DEFAULT_VERSATILITY_WEIGHT);
    }

    public RoutingConfig {
        queues = queues == null ? Map.of() : Map.copyOf(queues);
        queues.forEach(
                (name, policy) -> {
                    if (!name.equals(policy.queue())) {
                        throw new IllegalArgumentException(
                                "queue " + name + " maps to the policy of " + policy.queue());
                    }
                });
        if (fallback == null) {
            fallback = QueuePolicy.simple("*");
        }
        tierPriority = tierPriority == null ? Map.of() : Map.copyOf(tierPriority);
        if (auditCandidates < 1) {
            throw new IllegalArgumentException("auditCandidates must be >= 1");
        }
        if (defaultHandleTime == null
                || defaultHandleTime.isNegative()
                || defaultHandleTime.isZero()) {
            throw new IllegalArgumentException("defaultHandleTime must be positive");
        }
        if (!(versatilityWeight >= 0)) {
            throw new IllegalArgumentException("versatilityWeight must be >= 0");
        }
    }

    /** The given queues, {@link QueuePolicy#simple} for others, seed 1, 10 audit candidates. */
    public static RoutingConfig of(QueuePolicy... policies) {
        Map<String, QueuePolicy> map = new HashMap<>();
        for (QueuePolicy p : policies) {
            map.put(p.queue(), p);
        }
        return new RoutingConfig(map, null, Map.of(), 1, 10, Duration.ofSeconds(240));
    }

    public RoutingConfig withSeed(long newSeed) {
        return new RoutingConfig(
                queues,
                fallback,
                tierPriority,
                newSeed,
                auditCandidates,
                defaultHandleTime,
                versatilityWeight);
    }

    public RoutingConfig withTierPriority(Map<String, Integer> tiers) {
        return new RoutingConfig(
                queues,
                fallback,
                tiers,
                seed,
                auditCandidates,
                defaultHandleTime,
                versatilityWeight);
    }

    public RoutingConfig withFallback(QueuePolicy template) {
        return new RoutingConfig(
                queues,
                template,
                tierPriority,
                seed,
                auditCandidates,
                defaultHandleTime,
                versatilityWeight);
    }

    public RoutingConfig withAuditCandidates(int n) {
        return new RoutingConfig(
                queues, fallback, tierPriority, seed, n, defaultHandleTime, versatilityWeight);
    }

    public RoutingConfig withDefaultHandleTime(Duration aht) {
        return new RoutingConfig(
                queues, fallback, tierPriority, seed, auditCandidates, aht, versatilityWeight);
    }

    public RoutingConfig withVersatilityWeight(double weight) {
        return new RoutingConfig(
                queues, fallback, tierPriority, seed, auditCandidates, defaultHandleTime, weight);
    }

    /** The queue's policy, or the fallback template renamed to the queue. */
    public QueuePolicy policy(String queue) {
        QueuePolicy p = queues.get(queue);
        if (p != null) {
            return p;
        }
        return new QueuePolicy(
                queue,
                fallback.steps(),
                fallback.strategy(),
                fallback.offerTimeout(),
                fallback.wrapUp(),
                fallback.maxConsecutiveMisses());
    }

    public int tierPriority(String tier) {
        return tier == null ? 0 : tierPriority.getOrDefault(tier, 0);
    }
}
