package io.ringstream.events;

import java.util.List;
import java.util.Map;

/**
 * One step of an offer made by the routing job: the agent chosen for a contact (OFFERED) and how
 * that offer ended. Keyed by tenant, like the commands it answers, so one tenant's offers stay in
 * the order the job decided them. The event id is derived from the offer id and the type, so a job
 * that replays after a restore emits the same ids and consumers can drop the repeats.
 *
 * @param offerId the offer; stable across replays
 * @param endpoint where to reach the agent (the PBX dial string), on OFFERED
 * @param step the 1-based routing step of the queue that applied
 * @param expiresAt when an unanswered offer times out, epoch milliseconds, on OFFERED
 * @param customerId the contact's CRM customer, when known
 * @param decisionId the row in ClickHouse {@code routing_decisions} explaining the choice
 * @param reason why it ended, on REJECTED, TIMED_OUT and CANCELLED
 */
public record Assignment(
        int schemaVersion,
        String eventId,
        AssignmentType type,
        String tenant,
        long eventTime,
        String source,
        String offerId,
        String contactId,
        String agentId,
        String endpoint,
        String queue,
        Channel channel,
        int step,
        Long expiresAt,
        String customerId,
        String decisionId,
        String reason,
        Map<String, String> attributes)
        implements RingstreamEvent {

    public Assignment {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The event id of an offer's step; the same offer and type always give the same id. */
    public static String idOf(String tenant, String offerId, AssignmentType type) {
        return EventIds.of("routing", tenant, offerId, type.name());
    }

    @Override
    public String key() {
        return tenant;
    }

    @Override
    public List<String> violations() {
        Violations v = Violations.ofEnvelope(this, type);
        v.require(offerId, "offerId").require(contactId, "contactId").require(agentId, "agentId");
        if (type == AssignmentType.OFFERED) {
            v.require(queue, "queue").require(channel, "channel").require(expiresAt, "expiresAt");
            v.name(queue, "queue");
            v.check(step >= 1, "step must be >= 1");
        }
        return v.list();
    }
}
