package io.ringstream.routing.supervisor;

/**
 * A queue's raw counters summed over the day's intervals, exactly as stored, before any KPI is
 * derived from them.
 *
 * @param totalWaitMillis summed queue wait of answered contacts, the numerator of ASA
 */
public record QueueTotals(
        String queue,
        long offered,
        long answered,
        long abandoned,
        long answeredWithinThreshold,
        long totalWaitMillis) {}
