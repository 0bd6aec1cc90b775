package io.ringstream.analytics.kpi;

import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns one contact's events, applied in event-time order, into per-queue {@link KpiFact}s. The
 * rules here are the KPI definitions; docs/kpis.md states them and gives the SQL that recomputes
 * them from {@code contact_events}, which the integration test holds equal.
 *
 * <ul>
 *   <li>QUEUED: OFFERED to its queue, and the contact waits there (a contact waiting elsewhere
 *       leaves that queue first).
 *   <li>ANSWERED / ABANDONED: the outcome, with wait = {@code waitMillis}, or the time since the
 *       latest QUEUED when the source omits it.
 *   <li>A waiting contact LEFT its queue at the first ANSWERED, ABANDONED, DEQUEUED, TRANSFERRED,
 *       ENDED or QUEUED after it joined.
 *   <li>A hold runs from HELD (while not on hold) to the next RESUMED or TALK_ENDED.
 *   <li>TALK (from TALK_ENDED), HOLD and WRAP_UP (from WRAPUP_ENDED) count in the event's queue, or
 *       the queue of the latest ANSWERED when the event names none; without either they are not a
 *       queue's handling.
 *   <li>An event id seen before changes nothing.
 * </ul>
 */
public final class ContactKpiTracker implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The order events of one contact are applied in: event time, then type (declaration order,
     * e.g. QUEUED before ANSWERED within a millisecond), then event id. The recompute SQL sorts the
     * same way.
     */
    public static final Comparator<ContactEvent> ORDER =
            Comparator.comparingLong(ContactEvent::eventTime)
                    .thenComparing(e -> e.type().ordinal())
                    .thenComparing(ContactEvent::eventId);

    /**
     * @return the facts of this event, in order
     */
    public List<KpiFact> apply(ContactKpiState s, ContactEvent e) {
        if (s.seenEventIds.contains(e.eventId())) {
            return List.of();
        }
        s.seenEventIds.add(e.eventId());
        s.lastEventTime = Math.max(s.lastEventTime, e.eventTime());
        List<KpiFact> out = new ArrayList<>(2);
        long t = e.eventTime();
        ContactEventType type = e.type();
        if (s.waitingQueue != null && leavesQueue(type)) {
            out.add(fact(FactType.LEFT, e, s.waitingQueue, t - s.waitingSince, 0));
            s.waitingQueue = null;
        }
        switch (type) {
            case QUEUED -> {
                out.add(fact(FactType.OFFERED, e, e.queue(), 0, 0));
                s.waitingQueue = e.queue();
                s.waitingSince = t;
                s.lastQueuedAt = t;
            }
            case ANSWERED -> {
                out.add(fact(FactType.ANSWERED, e, e.queue(), waitOf(s, e), 0));
                s.answeredQueue = e.queue();
            }
            case ABANDONED -> out.add(fact(FactType.ABANDONED, e, e.queue(), waitOf(s, e), 0));
            case HELD -> {
                if (s.holdStart == null) {
                    s.holdStart = t;
                }
            }
            case RESUMED -> endHold(s, e, out);
            case TALK_ENDED -> {
                endHold(s, e, out);
                String queue = handlingQueue(s, e);
                if (queue != null) {
                    out.add(fact(FactType.TALK, e, queue, 0, duration(e)));
                }
            }
            case WRAPUP_ENDED -> {
                String queue = handlingQueue(s, e);
                if (queue != null) {
                    out.add(fact(FactType.WRAP_UP, e, queue, 0, duration(e)));
                }
            }
            case ENDED -> s.endedAt = s.endedAt == null ? t : Math.min(s.endedAt, t);
            default -> {
                // ARRIVED, OFFERED, OFFER_*, DEQUEUED, TRANSFERRED: nothing beyond leaving.
            }
        }
        return out;
    }

    /** The contact's state is about to be dropped: a contact still waiting leaves its queue. */
    public List<KpiFact> expire(ContactKpiState s, String tenant, String contactId, long at) {
        if (s.waitingQueue == null) {
            return List.of();
        }
        KpiFact left =
                KpiFact.contact(
                        FactType.LEFT,
                        tenant,
                        s.waitingQueue,
                        at,
                        contactId,
                        at - s.waitingSince,
                        0);
        s.waitingQueue = null;
        return List.of(left);
    }

    private static boolean leavesQueue(ContactEventType type) {
        return switch (type) {
            case QUEUED, ANSWERED, ABANDONED, DEQUEUED, TRANSFERRED, ENDED -> true;
            default -> false;
        };
    }

    private static void endHold(ContactKpiState s, ContactEvent e, List<KpiFact> out) {
        if (s.holdStart == null) {
            return;
        }
        long held = Math.max(0, e.eventTime() - s.holdStart);
        s.holdStart = null;
        String queue = handlingQueue(s, e);
        if (queue != null) {
            out.add(fact(FactType.HOLD, e, queue, 0, held));
        }
    }

    private static String handlingQueue(ContactKpiState s, ContactEvent e) {
        return e.queue() != null ? e.queue() : s.answeredQueue;
    }

    private static long waitOf(ContactKpiState s, ContactEvent e) {
        if (e.waitMillis() != null) {
            return e.waitMillis();
        }
        return s.lastQueuedAt == null ? 0 : Math.max(0, e.eventTime() - s.lastQueuedAt);
    }

    private static long duration(ContactEvent e) {
        return e.durationMillis() == null ? 0 : e.durationMillis();
    }

    private static KpiFact fact(
            FactType type, ContactEvent e, String queue, long wait, long duration) {
        return KpiFact.contact(
                type, e.tenant(), queue, e.eventTime(), e.contactId(), wait, duration);
    }
}
