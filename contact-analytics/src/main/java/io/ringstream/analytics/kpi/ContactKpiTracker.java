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
 *   <li>Agents (for {@code agent_kpis}): ANSWERED, OFFER_TIMED_OUT and OFFER_REJECTED count for the
 *       event's agent; TALK, HOLD and WRAP_UP for the event's agent, or the agent of the latest
 *       ANSWERED when the event names none. A handling fact with an agent but no queue is emitted
 *       with a null queue (the agent's only); OFFER_* facts are agents' only.
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
        // An expression, not a statement: a new event type does not compile until it is placed.
        out.addAll(
                switch (type) {
                    case QUEUED -> queued(s, e);
                    case ANSWERED -> {
                        s.answeredQueue = e.queue();
                        s.answeredAgent = e.agentId();
                        yield List.of(fact(FactType.ANSWERED, e, e.queue(), waitOf(s, e), 0));
                    }
                    case ABANDONED ->
                            List.of(fact(FactType.ABANDONED, e, e.queue(), waitOf(s, e), 0));
                    case HELD -> {
                        if (s.holdStart == null) {
                            s.holdStart = t;
                        }
                        yield List.of();
                    }
                    case RESUMED -> endHold(s, e);
                    case TALK_ENDED -> {
                        List<KpiFact> facts = new ArrayList<>(endHold(s, e));
                        facts.addAll(handling(s, e, FactType.TALK));
                        yield facts;
                    }
                    case WRAPUP_ENDED -> handling(s, e, FactType.WRAP_UP);
                    case OFFER_TIMED_OUT -> offer(e, FactType.OFFER_TIMED_OUT);
                    case OFFER_REJECTED -> offer(e, FactType.OFFER_REJECTED);
                    case ENDED -> {
                        s.endedAt = s.endedAt == null ? t : Math.min(s.endedAt, t);
                        yield List.of();
                    }
                        // Nothing beyond leaving the queue (above).
                    case ARRIVED, IDENTIFIED, OFFERED, DEQUEUED, TRANSFERRED -> List.of();
                });
        return out;
    }

    private static List<KpiFact> queued(ContactKpiState s, ContactEvent e) {
        s.waitingQueue = e.queue();
        s.waitingSince = e.eventTime();
        s.lastQueuedAt = e.eventTime();
        return List.of(fact(FactType.OFFERED, e, e.queue(), 0, 0));
    }

    /**
     * Talk or wrap-up that ended, in the queue that handled the contact and for its agent, if
     * either is known.
     */
    private static List<KpiFact> handling(ContactKpiState s, ContactEvent e, FactType type) {
        return handlingFact(s, e, type, duration(e));
    }

    private static List<KpiFact> handlingFact(
            ContactKpiState s, ContactEvent e, FactType type, long duration) {
        String queue = handlingQueue(s, e);
        String agent = e.agentId() != null ? e.agentId() : s.answeredAgent;
        if (queue == null && agent == null) {
            return List.of();
        }
        return List.of(
                KpiFact.contact(
                        type, e.tenant(), queue, e.eventTime(), e.contactId(), agent, 0, duration));
    }

    /** An offer that rang out or was declined: the offered agent's fact (OFFER_* need one). */
    private static List<KpiFact> offer(ContactEvent e, FactType type) {
        if (e.agentId() == null) {
            return List.of();
        }
        return List.of(
                KpiFact.contact(
                        type,
                        e.tenant(),
                        e.queue(),
                        e.eventTime(),
                        e.contactId(),
                        e.agentId(),
                        0,
                        0));
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
            case ARRIVED,
                            IDENTIFIED,
                            OFFERED,
                            OFFER_REJECTED,
                            OFFER_TIMED_OUT,
                            HELD,
                            RESUMED,
                            TALK_ENDED,
                            WRAPUP_ENDED ->
                    false;
        };
    }

    private static List<KpiFact> endHold(ContactKpiState s, ContactEvent e) {
        if (s.holdStart == null) {
            return List.of();
        }
        long held = Math.max(0, e.eventTime() - s.holdStart);
        s.holdStart = null;
        return handlingFact(s, e, FactType.HOLD, held);
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
        // Of these facts only an answer counts for an agent (the one answering).
        String agent = type == FactType.ANSWERED ? e.agentId() : null;
        return KpiFact.contact(
                type, e.tenant(), queue, e.eventTime(), e.contactId(), agent, wait, duration);
    }
}
