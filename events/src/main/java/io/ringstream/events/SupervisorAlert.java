package io.ringstream.events;

import java.util.List;
import java.util.Map;

/**
 * Something a supervisor should act on now: a customer turning angry, a contact about to breach its
 * SLA. Jobs publish these; routing-service streams them to supervisors and feeds them back into
 * routing as hints (prefer a senior agent, raise priority). Keyed by contact id (or queue, for
 * queue-level alerts), so a contact's alerts stay in order.
 *
 * @param kind what kind of alert; decides the routing hint
 * @param subject the contact id, or the queue for queue-level alerts
 * @param severity {@code WARNING} (act soon) or {@code CRITICAL} (act now)
 * @param message one human-readable line for the wallboard
 * @param attributes details, e.g. score, threshold, elapsed seconds
 */
public record SupervisorAlert(
        int schemaVersion,
        String eventId,
        Kind kind,
        String tenant,
        String subject,
        long eventTime,
        String source,
        String queue,
        String agentId,
        Severity severity,
        String message,
        Map<String, String> attributes)
        implements RingstreamEvent {

    /** What raised the alert. */
    public enum Kind {
        /** The customer's rolling sentiment fell below a threshold or dropped sharply. */
        NEGATIVE_SENTIMENT,
        /** A contact is close to breaching an SLA threshold. */
        SLA_WARNING,
        /** An SLA threshold was breached. */
        SLA_BREACH
    }

    /** How urgent it is. */
    public enum Severity {
        WARNING,
        CRITICAL
    }

    public SupervisorAlert {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** An alert of the current schema version. */
    public static SupervisorAlert of(
            String eventId,
            Kind kind,
            String tenant,
            String subject,
            long eventTime,
            String source,
            String queue,
            String agentId,
            Severity severity,
            String message,
            Map<String, String> attributes) {
        return new SupervisorAlert(
                Violations.CURRENT_SCHEMA_VERSION,
                eventId,
                kind,
                tenant,
                subject,
                eventTime,
                source,
                queue,
                agentId,
                severity,
                message,
                attributes);
    }

    @Override
    public String key() {
        return subject;
    }

    @Override
    public List<String> violations() {
        Violations v = Violations.ofEnvelope(this, kind);
        v.require(subject, "subject").require(severity, "severity").require(message, "message");
        return v.list();
    }
}
