package io.ringstream.flink.stats;

/**
 * A change to one queue's counters in one interval, produced per contact and summed per interval,
 * so the per-contact logic never needs to see other contacts.
 *
 * @param intervalStart epoch millis of the interval in which the contact was queued
 * @param offered contacts that joined the queue
 * @param answered contacts answered by an agent
 * @param abandoned contacts that gave up while queued
 * @param answeredWithinThreshold answered contacts whose wait was within the queue's threshold
 * @param waitMillis queue wait of answered contacts
 * @param talkMillis talk time of answered contacts
 */
public record QueueDelta(
        String tenant,
        String queue,
        long intervalStart,
        long offered,
        long answered,
        long abandoned,
        long answeredWithinThreshold,
        long waitMillis,
        long talkMillis) {

    static QueueDelta offered(QueueVisit visit, String tenant) {
        return new QueueDelta(tenant, visit.queue, visit.intervalStart, 1, 0, 0, 0, 0, 0);
    }

    static QueueDelta answered(QueueVisit visit, String tenant, long wait, boolean within) {
        return new QueueDelta(
                tenant, visit.queue, visit.intervalStart, 0, 1, 0, within ? 1 : 0, wait, 0);
    }

    static QueueDelta abandoned(QueueVisit visit, String tenant) {
        return new QueueDelta(tenant, visit.queue, visit.intervalStart, 0, 0, 1, 0, 0, 0);
    }

    static QueueDelta talk(QueueVisit visit, String tenant, long talk) {
        return new QueueDelta(tenant, visit.queue, visit.intervalStart, 0, 0, 0, 0, 0, talk);
    }
}
