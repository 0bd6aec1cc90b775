package io.ringstream.analytics.sla.policy;

import io.ringstream.events.SlaPolicy;
import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * Chooses the policy a clock runs against, so that the rule "most specific wins" lives in one place
 * and is tested without Flink. The policies themselves live in the job's broadcast state.
 *
 * <p>A policy matches a clock when tenant and kind are equal and each of queue, channel and
 * priority is either unset on the policy or equal to the clock's. Among matches the most specific
 * wins: a queue counts 4, a channel 2, a priority 1. Ties go to the newest record (event time),
 * then to the smallest policy id, so every job instance chooses alike. Withdrawn (deleted) policies
 * never match. Without a match, {@link DefaultPolicies} decides.
 */
public final class PolicyBook implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Comparator<SlaPolicy> PREFERENCE =
            Comparator.comparingInt(PolicyBook::specificity)
                    .thenComparingLong(SlaPolicy::eventTime)
                    .thenComparing(SlaPolicy::policyId, Comparator.reverseOrder());

    private final DefaultPolicies defaults;

    public PolicyBook(DefaultPolicies defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    /** The key a policy is stored under: policy ids are unique per tenant. */
    public static String keyOf(SlaPolicy policy) {
        return policy.tenant() + '\u001f' + policy.policyId();
    }

    /**
     * @param policies every policy known (any tenant, deleted ones included)
     * @return the threshold for the scope, or null when no policy and no default applies
     */
    public ResolvedPolicy resolve(Iterable<SlaPolicy> policies, ClockScope scope) {
        SlaPolicy best = null;
        for (SlaPolicy p : policies) {
            if (matches(p, scope) && (best == null || PREFERENCE.compare(p, best) > 0)) {
                best = p;
            }
        }
        if (best == null) {
            return defaults.forScope(scope);
        }
        return new ResolvedPolicy(
                best.policyId(),
                best.thresholdSeconds() * 1000L,
                best.warningFraction() == null
                        ? defaults.warningFraction()
                        : best.warningFraction());
    }

    static boolean matches(SlaPolicy p, ClockScope scope) {
        return !p.deleted()
                && p.kind() == scope.kind()
                && p.tenant().equals(scope.tenant())
                && (p.queue() == null || p.queue().equals(scope.queue()))
                && (p.channel() == null || p.channel() == scope.channel())
                && (p.priority() == null || p.priority().equals(scope.priority()));
    }

    private static int specificity(SlaPolicy p) {
        return (p.queue() != null ? 4 : 0)
                + (p.channel() != null ? 2 : 0)
                + (p.priority() != null ? 1 : 0);
    }
}
