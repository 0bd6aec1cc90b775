package io.ringstream.events;

import java.util.List;

/**
 * The verdict on one SLA clock (a contact waiting for an answer, a hold, an agent not ready), as
 * the SLA job detects it in event time. Supervisors see warnings and breaches as {@link
 * SupervisorAlert}s; this record keeps every detail for the {@code sla-events} topic and the
 * ClickHouse table {@code sla_events}. Keyed by subject, so a contact's verdicts stay in order.
 *
 * @param clockId stable id of the clock, derived from the event that started it; a replay yields
 *     the same id, and so the same event ids
 * @param policyId the policy that set the threshold, or {@code default:<kind>:<channel>} when none
 *     matched
 * @param subject the contact id, or the agent id for agent clocks
 * @param startedAt event time at which the clock started, epoch millis
 * @param thresholdMillis the policy's threshold when the clock started
 * @param elapsedMillis how long the clock had run at {@code eventTime}
 * @param reason why a clock was CANCELLED ({@code abandoned}, {@code ended}, {@code requeued},
 *     {@code transferred}, {@code expired}); null otherwise
 * @param shortAbandon a CANCELLED answer clock whose customer gave up within the short-abandon
 *     threshold; such contacts are excluded from service level
 */
public record SlaEvent(
        int schemaVersion,
        String eventId,
        SlaEventType type,
        String tenant,
        long eventTime,
        String source,
        String clockId,
        SlaKind kind,
        String policyId,
        SubjectType subjectType,
        String subject,
        String contactId,
        String agentId,
        String queue,
        Channel channel,
        Integer priority,
        long startedAt,
        long thresholdMillis,
        long elapsedMillis,
        String reason,
        boolean shortAbandon)
        implements RingstreamEvent {

    /** Whose clock it is. */
    public enum SubjectType {
        CONTACT,
        AGENT
    }

    @Override
    public String key() {
        return subject;
    }

    @Override
    public List<String> violations() {
        Violations v = Violations.ofEnvelope(this, type);
        v.require(clockId, "clockId")
                .require(kind, "kind")
                .require(policyId, "policyId")
                .require(subjectType, "subjectType")
                .require(subject, "subject");
        if (subjectType == SubjectType.CONTACT) {
            v.require(contactId, "contactId");
        }
        if (subjectType == SubjectType.AGENT) {
            v.require(agentId, "agentId");
        }
        v.check(thresholdMillis > 0, "thresholdMillis must be positive");
        v.check(elapsedMillis >= 0, "elapsedMillis must not be negative");
        v.check(startedAt > 0, "startedAt must be epoch milliseconds");
        v.check(
                type != SlaEventType.CANCELLED || reason != null,
                "reason is required on CANCELLED");
        return v.list();
    }
}
