package io.ringstream.analytics.sla.clock;

import io.ringstream.analytics.sla.policy.ClockScope;
import io.ringstream.analytics.sla.policy.ResolvedPolicy;

/** Finds the threshold of a clock about to start; the operator answers from broadcast state. */
@FunctionalInterface
public interface PolicyLookup {
    /** The policy for the scope, or null when no clock of that kind should run. */
    ResolvedPolicy resolve(ClockScope scope);
}
