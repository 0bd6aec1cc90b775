package io.ringstream.launcher;

/**
 * One queue's figures for today, as the status line shows them.
 *
 * @param answeredWithinThreshold answered within the queue's service-level threshold
 */
record QueueStatus(
        String queue, long offered, long answered, long abandoned, long answeredWithinThreshold) {

    long waiting() {
        return offered - answered - abandoned;
    }

    /** Answered-only convention (answered within T ÷ answered); empty before the first answer. */
    java.util.OptionalDouble serviceLevel() {
        return answered == 0
                ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of((double) answeredWithinThreshold / answered);
    }
}
