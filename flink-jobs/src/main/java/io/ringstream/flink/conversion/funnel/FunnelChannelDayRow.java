package io.ringstream.flink.conversion.funnel;

/**
 * One {@code funnel_channel_days} row (V061): {@link FunnelStatsRow}s of one day, step, channel and
 * campaign summed over the agents, so the Conversion dashboard reads a few thousand rows, not the
 * agents' cells (issue 13).
 *
 * @param timedReached the reached of the cells that have times
 * @param fromPreviousMedianWeightedSeconds Σ cell median × cell reached over those cells
 */
public record FunnelChannelDayRow(
        String tenant,
        String funnelId,
        String funnelName,
        long dayEpochDay,
        int step,
        String stepName,
        String channel,
        String campaign,
        long entered,
        long reached,
        long timedReached,
        double fromPreviousMedianWeightedSeconds,
        double fromPreviousP90WeightedSeconds,
        double fromEntryMedianWeightedSeconds,
        double fromEntryP90WeightedSeconds,
        long version,
        long updatedAtMillis) {}
