package io.ringstream.events;

import java.time.Duration;
import java.util.List;

/**
 * One service-level promise, published on the {@code sla-policies} topic so that supervisors can
 * change thresholds while the SLA job runs. A policy applies to the clocks of its {@link #kind}
 * whose tenant matches and whose queue, channel and priority match where the policy names them
 * (null matches any); the most specific policy wins (see docs/kpis.md).
 *
 * @param policyId stable id; the Kafka key. A newer record with the same id replaces the older one
 * @param queue the queue it applies to; null for every queue
 * @param channel the channel it applies to; null for every channel
 * @param priority the contact priority it applies to; null for every priority
 * @param thresholdSeconds the promise: a clock running longer than this is breached
 * @param warningFraction warn when a running clock reaches this fraction of the threshold (0..1,
 *     exclusive); null uses the job's default (0.8)
 * @param deleted true withdraws the policy (defaults apply again where nothing else matches)
 * @param description free text for supervisors, e.g. "Gold customers, 10 s"
 */
public record SlaPolicy(
        int schemaVersion,
        String eventId,
        String tenant,
        long eventTime,
        String source,
        String policyId,
        SlaKind kind,
        String queue,
        Channel channel,
        Integer priority,
        long thresholdSeconds,
        Double warningFraction,
        boolean deleted,
        String description)
        implements RingstreamEvent {

    /** Longest threshold a policy may set; the SLA job keeps clock state at least this long. */
    public static final Duration MAX_THRESHOLD = Duration.ofDays(31);

    /** A policy of the current schema version. */
    public static SlaPolicy of(
            String eventId,
            String tenant,
            long eventTime,
            String source,
            String policyId,
            SlaKind kind,
            String queue,
            Channel channel,
            Integer priority,
            long thresholdSeconds,
            Double warningFraction) {
        return new SlaPolicy(
                Violations.CURRENT_SCHEMA_VERSION,
                eventId,
                tenant,
                eventTime,
                source,
                policyId,
                kind,
                queue,
                channel,
                priority,
                thresholdSeconds,
                warningFraction,
                false,
                null);
    }

    /** The record that withdraws this policy. */
    public SlaPolicy deletion(String newEventId, long newEventTime) {
        return new SlaPolicy(
                schemaVersion,
                newEventId,
                tenant,
                newEventTime,
                source,
                policyId,
                kind,
                queue,
                channel,
                priority,
                thresholdSeconds,
                warningFraction,
                true,
                description);
    }

    @Override
    public String key() {
        return policyId;
    }

    @Override
    public List<String> violations() {
        Violations v = Violations.ofEnvelope(this, kind);
        v.require(policyId, "policyId");
        v.check(queue == null || !queue.isBlank(), "queue must be null (any queue) or not blank");
        if (queue != null && !queue.isBlank()) {
            v.name(queue, "queue");
        }
        v.check(priority == null || priority >= 0, "priority must not be negative");
        if (!deleted) {
            v.check(
                    thresholdSeconds > 0 && thresholdSeconds <= MAX_THRESHOLD.toSeconds(),
                    "thresholdSeconds must be 1.." + MAX_THRESHOLD.toSeconds());
        }
        v.check(
                warningFraction == null || (warningFraction > 0 && warningFraction < 1),
                "warningFraction must be between 0 and 1 (exclusive)");
        return v.list();
    }
}
