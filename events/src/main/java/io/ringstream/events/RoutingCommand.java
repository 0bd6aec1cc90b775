package io.ringstream.events;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An input to the routing job, from routing-service (the PBX's route requests, agent desktops) or
 * any other producer. Keyed by tenant: the routing job keeps one tenant's agents and queues
 * together, so all of a tenant's commands must stay in order on one partition.
 *
 * @param contactId the contact, on contact commands
 * @param agentId the agent, on agent and offer commands
 * @param offerId the offer answered, on OFFER_ACCEPTED and OFFER_REJECTED; the offer the agent
 *     handing the contact on had accepted, on CONTACT_TRANSFERRED
 * @param contact what the contact needs, on CONTACT_QUEUED and CONTACT_TRANSFERRED
 * @param agent the agent's profile, on AGENT_LOGIN
 * @param reason the not-ready reason, or why an offer was rejected
 */
public record RoutingCommand(
        int schemaVersion,
        String eventId,
        RoutingCommandType type,
        String tenant,
        long eventTime,
        String source,
        String contactId,
        String agentId,
        String offerId,
        ContactSpec contact,
        AgentSpec agent,
        String reason,
        Map<String, String> attributes)
        implements RingstreamEvent {

    private static final Set<RoutingCommandType> NEEDS_CONTACT =
            EnumSet.of(
                    RoutingCommandType.CONTACT_QUEUED,
                    RoutingCommandType.CONTACT_TRANSFERRED,
                    RoutingCommandType.CONTACT_ABANDONED,
                    RoutingCommandType.CONTACT_ENDED);
    private static final Set<RoutingCommandType> NEEDS_AGENT =
            EnumSet.of(
                    RoutingCommandType.AGENT_LOGIN,
                    RoutingCommandType.AGENT_READY,
                    RoutingCommandType.AGENT_NOT_READY,
                    RoutingCommandType.AGENT_LOGOUT,
                    RoutingCommandType.WRAP_UP_ENDED,
                    RoutingCommandType.OFFER_ACCEPTED,
                    RoutingCommandType.OFFER_REJECTED);

    public RoutingCommand {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /**
     * What a queued contact needs.
     *
     * @param skills required skill to minimum proficiency 1..5
     * @param language ISO 639-1 language the customer speaks; null when any will do
     * @param priority higher goes first; 0 (the default) is normal
     * @param customerId the CRM customer, when known (tier and preferred agent come from CRM)
     */
    public record ContactSpec(
            String queue,
            Channel channel,
            Map<String, Integer> skills,
            String language,
            Integer priority,
            String customerId) {
        public ContactSpec {
            skills = skills == null ? Map.of() : Map.copyOf(skills);
            priority = priority == null ? 0 : priority;
        }
    }

    /**
     * An agent's profile at log-in.
     *
     * @param endpoint where the agent is reached: the PBX dial string (e.g. {@code PJSIP/1001})
     * @param skills skill to proficiency 1..5
     * @param languages ISO 639-1 languages the agent speaks
     * @param queues the queues the agent serves
     * @param capacity channel to the most contacts at once (e.g. VOICE 1, CHAT 3); empty means one
     *     voice contact
     * @param seniority 1..5 (default 1); a hint to prefer senior agents (negative sentiment) picks
     *     the highest
     */
    public record AgentSpec(
            String endpoint,
            Map<String, Integer> skills,
            List<String> languages,
            List<String> queues,
            Map<Channel, Integer> capacity,
            Integer seniority) {
        public AgentSpec {
            seniority = seniority == null ? 1 : seniority;
            skills = skills == null ? Map.of() : Map.copyOf(skills);
            languages = languages == null ? List.of() : List.copyOf(languages);
            queues = queues == null ? List.of() : List.copyOf(queues);
            capacity = capacity == null ? Map.of() : Map.copyOf(capacity);
        }
    }

    /** A contact asking for an agent. */
    public static RoutingCommand contactQueued(
            String eventId,
            String tenant,
            long eventTime,
            String source,
            String contactId,
            ContactSpec contact) {
        return of(
                eventId,
                RoutingCommandType.CONTACT_QUEUED,
                tenant,
                eventTime,
                source,
                contactId,
                null,
                null,
                contact,
                null,
                null);
    }

    /**
     * The agent who accepted {@code fromOfferId} hands the contact on; it then needs {@code next}.
     */
    public static RoutingCommand contactTransferred(
            String eventId,
            String tenant,
            long eventTime,
            String source,
            String contactId,
            String fromOfferId,
            ContactSpec next) {
        return of(
                eventId,
                RoutingCommandType.CONTACT_TRANSFERRED,
                tenant,
                eventTime,
                source,
                contactId,
                null,
                fromOfferId,
                next,
                null,
                null);
    }

    /** An agent logging in with a profile. */
    public static RoutingCommand agentLogin(
            String eventId,
            String tenant,
            long eventTime,
            String source,
            String agentId,
            AgentSpec agent) {
        return of(
                eventId,
                RoutingCommandType.AGENT_LOGIN,
                tenant,
                eventTime,
                source,
                null,
                agentId,
                null,
                null,
                agent,
                null);
    }

    /** A command about a contact alone: CONTACT_ABANDONED, CONTACT_ENDED. */
    public static RoutingCommand forContact(
            String eventId,
            RoutingCommandType type,
            String tenant,
            long eventTime,
            String source,
            String contactId) {
        return of(
                eventId, type, tenant, eventTime, source, contactId, null, null, null, null, null);
    }

    /**
     * A command about an agent alone: AGENT_READY, AGENT_NOT_READY (with a reason), AGENT_LOGOUT,
     * WRAP_UP_ENDED.
     */
    public static RoutingCommand forAgent(
            String eventId,
            RoutingCommandType type,
            String tenant,
            long eventTime,
            String source,
            String agentId,
            String reason) {
        return of(
                eventId, type, tenant, eventTime, source, null, agentId, null, null, null, reason);
    }

    /** An agent's answer to an offer: OFFER_ACCEPTED, OFFER_REJECTED. */
    public static RoutingCommand forOffer(
            String eventId,
            RoutingCommandType type,
            String tenant,
            long eventTime,
            String source,
            String agentId,
            String offerId,
            String reason) {
        return of(
                eventId, type, tenant, eventTime, source, null, agentId, offerId, null, null,
                reason);
    }

    private static RoutingCommand of(
            String eventId,
            RoutingCommandType type,
            String tenant,
            long eventTime,
            String source,
            String contactId,
            String agentId,
            String offerId,
            ContactSpec contact,
            AgentSpec agent,
            String reason) {
        return new RoutingCommand(
                Violations.CURRENT_SCHEMA_VERSION,
                eventId,
                type,
                tenant,
                eventTime,
                source,
                contactId,
                agentId,
                offerId,
                contact,
                agent,
                reason,
                Map.of());
    }

    @Override
    public String key() {
        return tenant;
    }

    @Override
    public List<String> violations() {
        Violations v = Violations.ofEnvelope(this, type);
        if (type == null) {
            return v.list();
        }
        if (NEEDS_CONTACT.contains(type)) {
            v.require(contactId, "contactId");
        }
        if (NEEDS_AGENT.contains(type)) {
            v.require(agentId, "agentId");
        }
        // An expression, not a statement: a new command type does not compile until it is placed.
        Violations checked =
                switch (type) {
                    case CONTACT_QUEUED -> checkContact(v);
                    case CONTACT_TRANSFERRED -> checkContact(v.require(offerId, "offerId"));
                    case AGENT_LOGIN -> checkAgent(v);
                    case AGENT_NOT_READY -> v.require(reason, "reason");
                    case OFFER_ACCEPTED, OFFER_REJECTED -> v.require(offerId, "offerId");
                    case CONTACT_ABANDONED,
                                    CONTACT_ENDED,
                                    AGENT_READY,
                                    AGENT_LOGOUT,
                                    WRAP_UP_ENDED ->
                            v;
                };
        return checked.list();
    }

    private Violations checkContact(Violations v) {
        v.require(contact, "contact");
        if (contact == null) {
            return v;
        }
        v.require(contact.queue(), "contact.queue").require(contact.channel(), "contact.channel");
        v.name(contact.queue(), "contact.queue").name(contact.language(), "contact.language");
        contact.skills().forEach((skill, level) -> checkLevel(v, "contact", skill, level));
        return v;
    }

    private Violations checkAgent(Violations v) {
        v.require(agent, "agent");
        if (agent == null) {
            return v;
        }
        v.check(!agent.queues().isEmpty(), "agent.queues must name at least one queue");
        agent.queues()
                .forEach(queue -> v.require(queue, "agent.queues").name(queue, "agent.queues"));
        agent.languages().forEach(language -> v.name(language, "agent.languages"));
        agent.skills().forEach((skill, level) -> checkLevel(v, "agent", skill, level));
        v.check(agent.seniority() >= 1 && agent.seniority() <= 5, "agent.seniority must be 1..5");
        agent.capacity()
                .forEach(
                        (channel, max) ->
                                v.check(
                                        channel != null && max != null && max >= 0,
                                        "agent.capacity of " + channel + " must be >= 0"));
        return v;
    }

    private static void checkLevel(Violations v, String owner, String skill, Integer level) {
        v.check(
                skill != null && !skill.isBlank(),
                owner + ".skills must not have a blank skill name");
        if (skill != null && !skill.isBlank()) {
            v.name(skill, owner + ".skills name");
        }
        v.check(
                level != null && level >= 1 && level <= 5,
                owner + " proficiency of " + skill + " must be 1..5");
    }
}
