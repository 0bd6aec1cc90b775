package io.ringstream.flink.conversion.funnel;

/**
 * One {@code funnel_stats} row (V052): one step of one funnel, for the episodes that entered on
 * {@code day} (UTC) and whose furthest step is credited to (channel, campaign, agent).
 *
 * @param step 1-based
 * @param dayEpochDay the cohort day, days since 1970-01-01
 * @param entered episodes in the cell
 * @param reached those that reached this step
 * @param fromPreviousMedianSeconds over those that reached it: seconds since the previous step;
 *     null for step 1 or when none reached it
 * @param fromEntryMedianSeconds the same from the episode's first step (time to convert)
 */
public record FunnelStatsRow(
        String tenant,
        String funnelId,
        String funnelName,
        long dayEpochDay,
        int step,
        String stepName,
        String channel,
        String campaign,
        String agentId,
        long entered,
        long reached,
        Double fromPreviousMedianSeconds,
        Double fromPreviousP90Seconds,
        Double fromEntryMedianSeconds,
        Double fromEntryP90Seconds,
        long version,
        long updatedAtMillis) {

    /** reached / entered; 0 for an empty cell (a cell whose episodes all moved elsewhere). */
    public double conversionRate() {
        return entered == 0 ? 0.0 : (double) reached / entered;
    }
}
