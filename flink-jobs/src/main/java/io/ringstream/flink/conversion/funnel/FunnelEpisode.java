package io.ringstream.flink.conversion.funnel;

import java.util.List;
import java.util.Objects;

/**
 * What the funnel progress operator tells the stats operator about one customer's funnel episode,
 * so that {@code funnel_stats} can be counted per cohort day without the events again: a new or
 * grown episode replaces the earlier update of the same episode ({@link #episodeKey()}), a
 * retraction removes it (a late event moved the episode's start, docs/funnels.md).
 *
 * @param funnelName the funnel's name when this update was made, for dashboards
 * @param stepNames every step of the funnel, in order (so its size is the step count)
 * @param attribution the funnel's attribution rule ({@code FunnelDefinition.Attribution} name),
 *     under which {@code channel}, {@code campaign} and {@code agentId} were credited
 * @param windowMillis the funnel's conversion window; the stats of a cohort day are kept until the
 *     watermark passes the end of the day plus this plus the funnel lateness
 * @param episodeStartMillis the episode's first step-1 event, epoch millis; its UTC day is the
 *     cohort day
 * @param stepTimesMillis one per step reached, in order, of the attempt that got furthest; empty
 *     for a retraction
 * @param channel the credited contact's channel at the furthest step ("" when none)
 * @param campaign the furthest step's campaign ("" when none)
 * @param agentId the credited contact's agent at the furthest step ("" when none)
 * @param retracted true: the episode no longer exists; take it out of its day's stats
 */
public record FunnelEpisode(
        String tenant,
        String funnelId,
        String funnelName,
        List<String> stepNames,
        String attribution,
        long windowMillis,
        String customerId,
        long episodeStartMillis,
        List<Long> stepTimesMillis,
        String channel,
        String campaign,
        String agentId,
        boolean retracted) {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    public FunnelEpisode {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(funnelId, "funnelId");
        Objects.requireNonNull(customerId, "customerId");
        funnelName = funnelName == null ? "" : funnelName;
        stepNames = List.copyOf(stepNames);
        attribution = attribution == null ? "" : attribution;
        stepTimesMillis = retracted ? List.of() : List.copyOf(stepTimesMillis);
        channel = channel == null ? "" : channel;
        campaign = campaign == null ? "" : campaign;
        agentId = agentId == null ? "" : agentId;
    }

    /** A retraction of the episode of {@code customerId} that started at {@code episodeStart}. */
    public static FunnelEpisode retraction(
            String tenant,
            String funnelId,
            String funnelName,
            List<String> stepNames,
            String attribution,
            long windowMillis,
            String customerId,
            long episodeStartMillis) {
        return new FunnelEpisode(
                tenant,
                funnelId,
                funnelName,
                stepNames,
                attribution,
                windowMillis,
                customerId,
                episodeStartMillis,
                List.of(),
                "",
                "",
                "",
                true);
    }

    /** How many steps the episode reached; 0 for a retraction. */
    public int stepsReached() {
        return stepTimesMillis.size();
    }

    /** The UTC day of the episode's start, days since 1970-01-01: its cohort. */
    public long cohortDay() {
        return Math.floorDiv(episodeStartMillis, MILLIS_PER_DAY);
    }

    /** The stats operator's key: {@code tenant|funnelId|cohortDay}. */
    public String dayKey() {
        return tenant + "|" + funnelId + "|" + cohortDay();
    }

    /** Which episode within its day this is: {@code customerId|episodeStartMillis}. */
    public String episodeKey() {
        return customerId + "|" + episodeStartMillis;
    }
}
