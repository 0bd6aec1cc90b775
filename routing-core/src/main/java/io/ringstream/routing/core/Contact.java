package io.ringstream.routing.core;

import io.ringstream.events.Channel;
import java.io.Serializable;
import java.util.Map;

/**
 * A contact asking for an agent: its channel and queue, the skills it needs with a minimum
 * proficiency each, its language (null: any), priority (higher goes first), and the customer's tier
 * and preferred agent when CRM knows them (null otherwise). {@code enqueuedAtMillis} is when the
 * contact started waiting; routing steps relax from that moment.
 */
public record Contact(
        String contactId,
        String tenant,
        Channel channel,
        String queue,
        Map<String, Integer> requiredSkills,
        String language,
        int priority,
        String customerTier,
        String preferredAgentId,
        long enqueuedAtMillis)
        implements Serializable {

    public Contact {
        Checks.id(contactId, "contactId");
        Checks.id(tenant, "tenant");
        if (channel == null) {
            throw new IllegalArgumentException("channel must not be null");
        }
        Checks.id(queue, "queue");
        requiredSkills = Checks.levels(requiredSkills, "required skill");
        if (enqueuedAtMillis < 0) {
            throw new IllegalArgumentException("enqueuedAtMillis must not be negative");
        }
    }

    /** A voice contact needing one skill at proficiency >= 1 and no particular language. */
    public static Contact voice(String contactId, String queue, String skill, long enqueuedAt) {
        return new Contact(
                contactId,
                "default",
                Channel.VOICE,
                queue,
                skill == null ? Map.of() : Map.of(skill, 1),
                null,
                0,
                null,
                null,
                enqueuedAt);
    }

    Contact withCustomer(String tier, String preferredAgent) {
        return new Contact(
                contactId,
                tenant,
                channel,
                queue,
                requiredSkills,
                language,
                priority,
                tier == null ? customerTier : tier,
                preferredAgent == null ? preferredAgentId : preferredAgent,
                enqueuedAtMillis);
    }
}
