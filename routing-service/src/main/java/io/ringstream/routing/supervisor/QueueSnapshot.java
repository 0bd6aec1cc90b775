package io.ringstream.routing.supervisor;

/**
 * What a supervisor's wallboard shows for one queue today, derived from the stored counters so
 * every consumer computes service level and ASA the same way.
 *
 * @param waiting contacts waiting in the queue now, as of the KPI job's latest row (the watermark,
 *     a few seconds behind)
 * @param serviceLevel answered within the threshold divided by answered (the "answered-only"
 *     convention, as Asterisk's ServiceLevelPerf), 0..1; null when nothing was answered
 * @param asaSeconds average speed of answer: mean queue wait of answered contacts, in seconds; null
 *     when nothing was answered
 */
public record QueueSnapshot(
        String queue,
        long offered,
        long answered,
        long abandoned,
        long waiting,
        Double serviceLevel,
        Double asaSeconds) {

    /** The name of the service-level convention {@link #serviceLevel} follows. */
    public static final String SERVICE_LEVEL_CONVENTION = "answered-only";

    public static QueueSnapshot from(QueueTotals t) {
        Double serviceLevel = null;
        Double asaSeconds = null;
        if (t.answered() > 0) {
            serviceLevel = (double) t.answeredWithinThreshold() / t.answered();
            asaSeconds = t.totalWaitMillis() / 1000.0 / t.answered();
        }
        return new QueueSnapshot(
                t.queue(),
                t.offered(),
                t.answered(),
                t.abandoned(),
                t.waitingNow(),
                serviceLevel,
                asaSeconds);
    }
}
