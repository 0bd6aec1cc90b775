package io.ringstream.flink.stats;

import io.ringstream.events.ContactEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns one contact's events into changes of per-queue interval counters, so that a contact is
 * counted exactly once per queue stay however its events are duplicated.
 *
 * <p>Conventions (Ringstream's, named so dashboards can say what they show):
 *
 * <ul>
 *   <li><b>Interval of arrival.</b> Every outcome of a queue stay (answered, abandoned, wait, talk)
 *       is attributed to the interval in which the contact was QUEUED, not to the interval in which
 *       the outcome happened. Hence, per queue and interval: {@code offered = answered + abandoned
 *       + still waiting}, where "still waiting" also holds stays that left the queue without an
 *       outcome in it (overflow or transfer to another queue before an answer).
 *   <li><b>Offered</b> counts QUEUED events. A contact re-queued into another queue (a transfer) is
 *       offered there too. A second QUEUED for the queue the contact is still waiting in is the
 *       same stay and not counted again.
 *   <li><b>Answered</b> counts ANSWERED; its wait is {@code waitMillis}, or answer time minus queue
 *       time when absent. <b>Answered within threshold</b> when wait &lt;= the queue's threshold.
 *       {@code total_wait_ms} sums the waits of answered contacts only.
 *   <li><b>Abandoned</b> counts ABANDONED.
 *   <li><b>Talk</b>: TALK_ENDED's {@code durationMillis} is added to the most recent answered stay
 *       (of the event's queue, when it names one) whose talk was not yet counted.
 *   <li>Each stay has at most one outcome. An ANSWERED or ABANDONED with no waiting stay in its
 *       queue implies a stay whose QUEUED we did not see (the job started mid-contact, or the
 *       QUEUED was dead-lettered): the stay is created from the outcome, queued at outcome time
 *       minus wait, and counted as offered too so the identity above keeps holding. A QUEUED that
 *       arrives after such an inferred stay only records its id.
 *   <li><b>Duplicates</b>: an event id that already counted for any stay of the contact changes
 *       nothing. This holds for as long as the contact's state lives (see the operator).
 * </ul>
 */
public final class ContactTracker implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Intervals intervals;
    private final ServiceLevelThresholds thresholds;

    public ContactTracker(Intervals intervals, ServiceLevelThresholds thresholds) {
        this.intervals = Objects.requireNonNull(intervals, "intervals");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /**
     * Applies one event of the contact to its state.
     *
     * @param state the contact's state, changed in place
     * @return the counter changes this event causes; empty for events that count nothing
     */
    public List<QueueDelta> apply(ContactState state, ContactEvent event) {
        state.lastEventTime = Math.max(state.lastEventTime, event.eventTime());
        if (alreadyCounted(state, event.eventId())) {
            return List.of();
        }
        return switch (event.type()) {
            case QUEUED -> queued(state, event);
            case ANSWERED -> answered(state, event);
            case ABANDONED -> abandoned(state, event);
            case TALK_ENDED -> talkEnded(state, event);
            case ENDED -> {
                if (state.endedAt == null) {
                    state.endedAt = event.eventTime();
                }
                yield List.of();
            }
            default -> List.of();
        };
    }

    private List<QueueDelta> queued(ContactState state, ContactEvent event) {
        QueueVisit inferred = latest(state, event.queue(), v -> v.queuedEventId == null);
        if (inferred != null) {
            inferred.queuedEventId = event.eventId();
            return List.of();
        }
        QueueVisit last = state.visits.isEmpty() ? null : state.visits.get(state.visits.size() - 1);
        if (last != null && last.queue.equals(event.queue()) && !last.hasOutcome()) {
            return List.of();
        }
        QueueVisit visit =
                new QueueVisit(
                        event.queue(),
                        event.eventTime(),
                        intervals.startOf(event.eventTime()),
                        event.eventId());
        state.visits.add(visit);
        return List.of(QueueDelta.offered(visit, event.tenant()));
    }

    private List<QueueDelta> answered(ContactState state, ContactEvent event) {
        List<QueueDelta> deltas = new ArrayList<>(2);
        QueueVisit visit = waitingVisit(state, event, deltas);
        visit.answeredEventId = event.eventId();
        long wait =
                event.waitMillis() != null
                        ? event.waitMillis()
                        : Math.max(0, event.eventTime() - visit.queuedAt);
        boolean within = wait <= thresholds.millisFor(visit.queue);
        deltas.add(QueueDelta.answered(visit, event.tenant(), wait, within));
        return deltas;
    }

    private List<QueueDelta> abandoned(ContactState state, ContactEvent event) {
        List<QueueDelta> deltas = new ArrayList<>(2);
        QueueVisit visit = waitingVisit(state, event, deltas);
        visit.abandonedEventId = event.eventId();
        deltas.add(QueueDelta.abandoned(visit, event.tenant()));
        return deltas;
    }

    private List<QueueDelta> talkEnded(ContactState state, ContactEvent event) {
        QueueVisit visit =
                latest(
                        state,
                        null,
                        v ->
                                v.answeredEventId != null
                                        && v.talkEventId == null
                                        && (event.queue() == null
                                                || v.queue.equals(event.queue())));
        if (visit == null) {
            // Talk of a contact that was not answered from a queue: not a queue statistic.
            return List.of();
        }
        visit.talkEventId = event.eventId();
        long talk = event.durationMillis() == null ? 0 : event.durationMillis();
        return talk == 0 ? List.of() : List.of(QueueDelta.talk(visit, event.tenant(), talk));
    }

    /** The stay an outcome closes; creates (and counts as offered) an inferred one if none. */
    private QueueVisit waitingVisit(ContactState state, ContactEvent event, List<QueueDelta> out) {
        QueueVisit visit = latest(state, event.queue(), v -> !v.hasOutcome());
        if (visit != null) {
            return visit;
        }
        long wait = event.waitMillis() == null ? 0 : event.waitMillis();
        long queuedAt = event.eventTime() - wait;
        visit = new QueueVisit(event.queue(), queuedAt, intervals.startOf(queuedAt), null);
        state.visits.add(visit);
        out.add(QueueDelta.offered(visit, event.tenant()));
        return visit;
    }

    private static QueueVisit latest(
            ContactState state, String queue, java.util.function.Predicate<QueueVisit> test) {
        for (int i = state.visits.size() - 1; i >= 0; i--) {
            QueueVisit v = state.visits.get(i);
            if ((queue == null || v.queue.equals(queue)) && test.test(v)) {
                return v;
            }
        }
        return null;
    }

    private static boolean alreadyCounted(ContactState state, String eventId) {
        for (QueueVisit visit : state.visits) {
            if (visit.counted(eventId)) {
                return true;
            }
        }
        return false;
    }
}
