package io.ringstream.routing.supervisor;

/**
 * A queue's raw counters summed over the day's intervals of {@code queue_kpis}, exactly as stored,
 * before any KPI is derived from them.
 *
 * @param totalWaitMillis summed queue wait of answered contacts, the numerator of ASA
 * @param waitingNow contacts waiting now, as of the KPI job's latest row of the queue
 */
public record QueueTotals(
        String queue,
        long offered,
        long answered,
        long abandoned,
        long answeredWithinThreshold,
        long totalWaitMillis,
        long waitingNow) {}
