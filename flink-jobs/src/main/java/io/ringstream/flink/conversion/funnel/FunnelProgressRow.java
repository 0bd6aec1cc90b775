package io.ringstream.flink.conversion.funnel;

import java.util.List;

/**
 * One {@code funnel_progress} row (V051): a customer's furthest step in one funnel episode, or a
 * retraction of an episode a late event moved ({@code stepsReached == 0}). {@code version} is the
 * customer's revision counter in the job, so the newest row of a key always wins.
 *
 * @param attribution the funnel's attribution rule, whose credited contact {@code credited*} names
 * @param stepTimesMillis one per step reached, in order, like {@code stepNames} and {@code
 *     stepEventIds}
 */
public record FunnelProgressRow(
        String tenant,
        String funnelId,
        String customerId,
        long episodeStartMillis,
        long windowStartMillis,
        int stepsReached,
        int stepCount,
        List<String> stepNames,
        List<Long> stepTimesMillis,
        List<String> stepEventIds,
        String attribution,
        String campaign,
        String creditedChannel,
        String creditedAgentId,
        String creditedContactId,
        long version,
        long updatedAtMillis) {

    public FunnelProgressRow {
        stepNames = List.copyOf(stepNames);
        stepTimesMillis = List.copyOf(stepTimesMillis);
        stepEventIds = List.copyOf(stepEventIds);
    }

    public boolean converted() {
        return stepsReached > 0 && stepsReached == stepCount;
    }

    /** The furthest step's name; empty for a retraction. */
    public String furthestStep() {
        return stepsReached == 0 ? "" : stepNames.get(stepsReached - 1);
    }

    /** The furthest step's time; the episode start for a retraction. */
    public long furthestTimeMillis() {
        return stepsReached == 0 ? episodeStartMillis : stepTimesMillis.get(stepsReached - 1);
    }
}
