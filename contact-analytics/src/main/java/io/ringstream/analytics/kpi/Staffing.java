package io.ringstream.analytics.kpi;

import io.ringstream.queueing.ErlangC;

/**
 * Erlang C staffing from a window's live figures, so supervisors see next to each interval how many
 * agents its traffic needed and how many were there.
 */
public final class Staffing {
    private Staffing() {}

    /**
     * @param offered contacts that arrived in the window
     * @param windowMillis how long the window has run
     * @param ahtMillis average handle time, or null when nothing was handled
     * @return agents required to reach the target; 0 without arrivals; null without an AHT
     */
    public static Integer agentsRequired(
            long offered, long windowMillis, Double ahtMillis, QueueTargets.Target target) {
        if (offered == 0 || windowMillis <= 0) {
            return 0;
        }
        if (ahtMillis == null || ahtMillis <= 0) {
            return null;
        }
        double ahtSeconds = ahtMillis / 1000.0;
        double load = ErlangC.load(offered, windowMillis / 1000.0, ahtSeconds);
        return ErlangC.requiredAgents(load, ahtSeconds, target.share(), target.thresholdSeconds());
    }
}
