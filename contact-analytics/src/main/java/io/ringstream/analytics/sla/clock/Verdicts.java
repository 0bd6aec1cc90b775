package io.ringstream.analytics.sla.clock;

import io.ringstream.events.EventIds;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaEvent.SubjectType;
import io.ringstream.events.SlaEventType;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.topics.Components;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a detected pattern (a clock's START and what ended it) into the {@link SlaEvent} that
 * records it and, for warnings and breaches, the {@link SupervisorAlert} that supervisors and
 * routing act on. Ids derive from the clock id, so a replay produces the same records.
 */
public final class Verdicts {
    /** How the SLA job names itself in the events it produces. */
    public static final String SOURCE = Components.SLA_JOB;

    private Verdicts() {}

    /** A running clock reached its warning time. */
    public static SlaEvent warning(SlaSignal start, SlaSignal due) {
        return event(SlaEventType.WARNING, start, due, due.time(), null, false);
    }

    /** What ended a clock: its breach deadline, a STOP (met), or a CANCEL/SUPERSEDE (cancelled). */
    public static SlaEvent outcome(SlaSignal start, SlaSignal end) {
        return switch (end.type()) {
            case BREACH_DUE -> event(SlaEventType.BREACH, start, end, end.time(), null, false);
            case STOP -> event(SlaEventType.MET, start, end, end.time(), null, false);
            case CANCEL, SUPERSEDE ->
                    event(
                            SlaEventType.CANCELLED,
                            start,
                            end,
                            end.time(),
                            end.reason() == null ? "cancelled" : end.reason(),
                            end.shortAbandon());
            case START, WARNING_DUE ->
                    throw new IllegalArgumentException(
                            "a " + end.type() + " signal does not end a clock");
        };
    }

    private static SlaEvent event(
            SlaEventType type,
            SlaSignal start,
            SlaSignal end,
            long at,
            String reason,
            boolean shortAbandon) {
        String agentId = end.agentId() != null ? end.agentId() : start.agentId();
        return new SlaEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of(start.clockId(), type.name()),
                type,
                start.tenant(),
                at,
                SOURCE,
                start.clockId(),
                start.kind(),
                start.policyId(),
                start.subjectType(),
                start.subject(),
                start.contactId(),
                agentId,
                start.queue(),
                start.channel(),
                start.priority(),
                start.startedAt(),
                start.thresholdMillis(),
                Math.max(0, at - start.startedAt()),
                reason,
                shortAbandon);
    }

    /** The supervisor alert for a WARNING or BREACH; null for other verdicts. */
    public static SupervisorAlert alertFor(SlaEvent e) {
        SupervisorAlert.Kind kind;
        SupervisorAlert.Severity severity;
        if (e.type() == SlaEventType.WARNING) {
            kind = SupervisorAlert.Kind.SLA_WARNING;
            severity = SupervisorAlert.Severity.WARNING;
        } else if (e.type() == SlaEventType.BREACH) {
            kind = SupervisorAlert.Kind.SLA_BREACH;
            severity = SupervisorAlert.Severity.CRITICAL;
        } else {
            return null;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("slaKind", e.kind().name());
        attributes.put("policyId", e.policyId());
        attributes.put("clockId", e.clockId());
        attributes.put("subjectType", e.subjectType().name());
        attributes.put("thresholdSeconds", seconds(e.thresholdMillis()));
        attributes.put("elapsedSeconds", seconds(e.elapsedMillis()));
        attributes.put("startedAt", Long.toString(e.startedAt()));
        if (e.channel() != null) {
            attributes.put("channel", e.channel().name());
        }
        if (e.priority() != null) {
            attributes.put("priority", Integer.toString(e.priority()));
        }
        return SupervisorAlert.of(
                EventIds.of(e.eventId(), "alert"),
                kind,
                e.tenant(),
                e.subject(),
                e.eventTime(),
                SOURCE,
                e.queue(),
                e.agentId(),
                severity,
                message(e),
                attributes);
    }

    /** One line for the wallboard, e.g. "Contact c1 waiting 16 s of 20 s for an answer (sales)". */
    static String message(SlaEvent e) {
        String who = (e.subjectType() == SubjectType.AGENT ? "Agent " : "Contact ") + e.subject();
        String what =
                switch (e.kind()) {
                    case ANSWER -> "waiting for an answer";
                    case FIRST_RESPONSE -> "waiting for a first response";
                    case REPLY_GAP -> "waiting for the agent's reply";
                    case RESOLUTION -> "not resolved";
                    case HOLD -> "on hold";
                    case WRAP_UP -> "in wrap-up";
                    case NOT_READY -> "not ready";
                };
        String verdict = e.type() == SlaEventType.BREACH ? "SLA breached: " : "SLA warning: ";
        String where = e.queue() == null ? "" : " (" + e.queue() + ")";
        return verdict
                + who
                + " "
                + what
                + " for "
                + seconds(e.elapsedMillis())
                + " s of "
                + seconds(e.thresholdMillis())
                + " s"
                + where;
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0
                ? Long.toString(millis / 1000)
                : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
