package io.ringstream.launcher;

import java.util.OptionalDouble;

/**
 * One queue's figures for today, as the status line shows them, from {@code queue_kpis}.
 *
 * @param answeredWithinThreshold answered within the queue's service-level threshold
 * @param waiting contacts waiting now, as of the KPI job's latest row
 */
record QueueStatus(String queue, long answered, long answeredWithinThreshold, long waiting) {

    /** Answered-only convention (answered within T ÷ answered); empty before the first answer. */
    OptionalDouble serviceLevel() {
        return answered == 0
                ? OptionalDouble.empty()
                : OptionalDouble.of((double) answeredWithinThreshold / answered);
    }
}
