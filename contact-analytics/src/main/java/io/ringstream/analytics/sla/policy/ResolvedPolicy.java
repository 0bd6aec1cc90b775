package io.ringstream.analytics.sla.policy;

import java.io.Serializable;

/**
 * The threshold a clock runs against, fixed when the clock starts: a policy changed later applies
 * to clocks that start later, so one clock never sees two thresholds.
 *
 * @param policyId the matching policy, or {@code default:<kind>:<channel>} for a built-in default
 * @param thresholdMillis breach after this long
 * @param warningFraction warn at this fraction of the threshold
 */
public record ResolvedPolicy(String policyId, long thresholdMillis, double warningFraction)
        implements Serializable {

    public ResolvedPolicy {
        if (thresholdMillis <= 0) {
            throw new IllegalArgumentException("thresholdMillis must be positive");
        }
        if (!(warningFraction > 0 && warningFraction < 1)) {
            throw new IllegalArgumentException("warningFraction must be in (0, 1)");
        }
    }

    /** How long after the start the warning is due (at least 1 ms before the breach). */
    public long warnAfterMillis() {
        long warn = Math.round(thresholdMillis * warningFraction);
        return Math.max(0, Math.min(warn, thresholdMillis - 1));
    }
}
