package io.ringstream.flink.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * What the statistics need to remember about one contact between its events: its queue visits and
 * whether it ended.
 *
 * <p>A mutable POJO with public fields because Flink keeps it in keyed state and serializes it with
 * its POJO serializer; only {@link ContactTracker} changes it. Its lifetime is decided by the
 * operator (see {@code ContactTrackingFunction}): a contact with no visit is never stored.
 */
public class ContactState {
    /** Queue visits in the order they started; a transfer to another queue adds one. */
    public List<QueueVisit> visits = new ArrayList<>();

    /** Largest event time seen, epoch millis. */
    public long lastEventTime;

    /** Event time of ENDED, or null while the contact is live. */
    public Long endedAt;

    public ContactState() {}

    public boolean hasVisits() {
        return !visits.isEmpty();
    }

    public boolean ended() {
        return endedAt != null;
    }
}
