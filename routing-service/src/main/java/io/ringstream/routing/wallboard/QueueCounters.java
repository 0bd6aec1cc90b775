package io.ringstream.routing.wallboard;

import io.micronaut.core.annotation.Nullable;

/**
 * A queue's (or an interval's) {@code queue_kpis} counters summed over today, before any ratio:
 * ratios are recomputed from sums (never averaged), the way {@code
 * io.ringstream.routing.supervisor.QueueSnapshot} does. Short abandons are excluded from every
 * service level (docs/kpis.md).
 */
public record QueueCounters(
        String queue,
        long offered,
        long answered,
        long abandoned,
        long shortAbandoned,
        long answeredWithinThreshold,
        long abandonedWithinThreshold,
        long totalWaitMillis,
        long handled,
        long talkMillis,
        long holdMillis,
        long wrapUpMillis,
        String slConvention,
        @Nullable Double targetShare,
        @Nullable Long thresholdSeconds,
        @Nullable Long agentsRequired,
        @Nullable Double agentsStaffed) {

    /** The service level under {@link #slConvention}; null when its denominator is 0. */
    public Double serviceLevel() {
        long notShort = answered + abandoned - shortAbandoned;
        return switch (slConvention) {
            case "abandons-count-against" -> ratio(answeredWithinThreshold, notShort);
            case "left-queue" ->
                    ratio(answeredWithinThreshold + abandonedWithinThreshold, notShort);
            default -> ratio(answeredWithinThreshold, answered);
        };
    }

    public KpiFigures.QueueToday today() {
        return new KpiFigures.QueueToday(
                queue,
                offered,
                answered,
                abandoned,
                ratio(abandoned, offered),
                serviceLevel(),
                slConvention,
                targetShare,
                thresholdSeconds,
                seconds(totalWaitMillis, answered),
                seconds(talkMillis + holdMillis + wrapUpMillis, handled),
                agentsRequired,
                agentsStaffed);
    }

    static Double ratio(long numerator, long denominator) {
        return denominator <= 0 ? null : (double) numerator / denominator;
    }

    static Double seconds(long millis, long count) {
        return count <= 0 ? null : millis / 1000.0 / count;
    }
}
