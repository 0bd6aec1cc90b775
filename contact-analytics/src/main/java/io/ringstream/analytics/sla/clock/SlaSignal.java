package io.ringstream.analytics.sla.clock;

import io.ringstream.events.Channel;
import io.ringstream.events.SlaEvent.SubjectType;
import io.ringstream.events.SlaKind;

/**
 * One input to the CEP patterns: a clock starting, stopping or reaching a deadline. Raw contact,
 * chat and agent events become signals (see {@link ClockMapper}) so that one pair of patterns
 * covers every SLA kind; the patterns run per {@link #cepKey()} (tenant, subject and kind).
 *
 * @param clockId the clock, on START and the deadline signals; STOP, CANCEL and SUPERSEDE end
 *     whichever clock of their key is running and carry null
 * @param time event time, epoch millis
 * @param startedAt START and deadlines: when the clock started
 * @param policyId, thresholdMillis, warnAfterMillis START and deadlines: the resolved policy
 * @param agentId the agent involved, when known (on STOP: who answered)
 * @param reason CANCEL and SUPERSEDE: why
 * @param shortAbandon CANCEL of an answer clock: the customer gave up within the short-abandon
 *     threshold
 */
public record SlaSignal(
        SignalType type,
        String tenant,
        SubjectType subjectType,
        String subject,
        SlaKind kind,
        String clockId,
        long time,
        long startedAt,
        String policyId,
        long thresholdMillis,
        long warnAfterMillis,
        String contactId,
        String agentId,
        String queue,
        Channel channel,
        Integer priority,
        String reason,
        boolean shortAbandon) {

    /** The key the CEP operators partition by: one subject's clocks of one kind. */
    public String cepKey() {
        return cepKey(tenant, subjectType, subject, kind);
    }

    public static String cepKey(
            String tenant, SubjectType subjectType, String subject, SlaKind kind) {
        return tenant + '\u001f' + subjectType + '\u001f' + subject + '\u001f' + kind;
    }

    /** This START's deadline signal of the given type, at the time it is due. */
    public SlaSignal deadline(SignalType dueType) {
        if (type != SignalType.START) {
            throw new IllegalStateException("only a START has deadlines, not " + type);
        }
        long due =
                dueType == SignalType.WARNING_DUE
                        ? startedAt + warnAfterMillis
                        : startedAt + thresholdMillis;
        return new SlaSignal(
                dueType,
                tenant,
                subjectType,
                subject,
                kind,
                clockId,
                due,
                startedAt,
                policyId,
                thresholdMillis,
                warnAfterMillis,
                contactId,
                agentId,
                queue,
                channel,
                priority,
                null,
                false);
    }

    public boolean endsClock() {
        return type == SignalType.STOP || type == SignalType.CANCEL || type == SignalType.SUPERSEDE;
    }
}
