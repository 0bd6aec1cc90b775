package io.ringstream.events;

import java.util.List;
import java.util.Map;

/**
 * A change in an agent's state. Keyed by agent id, so an agent's state changes stay in order.
 *
 * @param queue the queue the change applies to, for per-queue membership (AMI); null for all
 * @param reason the not-ready reason, or why the state changed
 * @param skills skill name to proficiency 1..5; on LOGGED_IN and SKILLS_CHANGED
 */
public record AgentEvent(
        int schemaVersion,
        String eventId,
        AgentEventType type,
        String tenant,
        String agentId,
        long eventTime,
        String source,
        String queue,
        String reason,
        Map<String, Integer> skills,
        Map<String, String> attributes)
        implements RingstreamEvent {

    public AgentEvent {
        skills = skills == null ? Map.of() : Map.copyOf(skills);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** An agent event of the current schema version. */
    public static AgentEvent of(
            String eventId,
            AgentEventType type,
            String agentId,
            long eventTime,
            String source,
            String queue,
            String reason) {
        return new AgentEvent(
                Violations.CURRENT_SCHEMA_VERSION,
                eventId,
                type,
                Tenants.DEFAULT,
                agentId,
                eventTime,
                source,
                queue,
                reason,
                Map.of(),
                Map.of());
    }

    @Override
    public String key() {
        return agentId;
    }

    @Override
    public List<String> violations() {
        Violations v = Violations.ofEnvelope(this, type);
        v.require(agentId, "agentId");
        if (type == AgentEventType.NOT_READY) {
            v.require(reason, "reason");
        }
        if (type == AgentEventType.SKILLS_CHANGED) {
            v.check(!skills.isEmpty(), "skills are required");
        }
        v.name(queue, "queue");
        skills.forEach(
                (skill, level) ->
                        v.name(skill, "skill name")
                                .check(
                                        level != null && level >= 1 && level <= 5,
                                        "proficiency of " + skill + " must be 1..5"));
        return v.list();
    }
}
