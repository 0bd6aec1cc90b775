package io.ringstream.flink.stats;

/**
 * One stay of a contact in one queue, remembering which outcome events were already counted so a
 * replayed event (same eventId) never counts twice.
 *
 * <p>A mutable POJO with public fields because Flink keeps it in keyed state and serializes it with
 * its POJO serializer; only {@link ContactTracker} changes it.
 */
public class QueueVisit {
    public String queue;

    /** Epoch millis the contact joined the queue (from QUEUED, or derived from the outcome). */
    public long queuedAt;

    /** The interval all of this visit's outcomes are attributed to: the interval of arrival. */
    public long intervalStart;

    /** Event ids that counted for this visit; null while that outcome has not happened. */
    public String queuedEventId;

    public String answeredEventId;
    public String abandonedEventId;
    public String talkEventId;

    public QueueVisit() {}

    QueueVisit(String queue, long queuedAt, long intervalStart, String queuedEventId) {
        this.queue = queue;
        this.queuedAt = queuedAt;
        this.intervalStart = intervalStart;
        this.queuedEventId = queuedEventId;
    }

    boolean hasOutcome() {
        return answeredEventId != null || abandonedEventId != null;
    }

    boolean counted(String eventId) {
        return eventId.equals(queuedEventId)
                || eventId.equals(answeredEventId)
                || eventId.equals(abandonedEventId)
                || eventId.equals(talkEventId);
    }
}
