package io.ringstream.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One step in the life of a voice or chat contact. Keyed by contact id, so a contact's events stay
 * in order on one partition.
 *
 * @param waitMillis time in queue, on ANSWERED and ABANDONED
 * @param durationMillis talk time on TALK_ENDED, wrap-up time on WRAPUP_ENDED
 * @param customerId the CRM customer of the contact, once known (null before, and in events written
 *     before the field existed); required on IDENTIFIED
 * @param reason why it happened (hangup cause, abandon reason, transfer reason), when known
 */
public record ContactEvent(
        int schemaVersion,
        String eventId,
        ContactEventType type,
        String tenant,
        String contactId,
        Channel channel,
        long eventTime,
        String source,
        String queue,
        String agentId,
        String customerId,
        Long waitMillis,
        Long durationMillis,
        String reason,
        Map<String, String> attributes)
        implements RingstreamEvent {

    private static final Set<ContactEventType> NEEDS_QUEUE =
            EnumSet.of(
                    ContactEventType.QUEUED,
                    ContactEventType.OFFERED,
                    ContactEventType.ANSWERED,
                    ContactEventType.ABANDONED);
    private static final Set<ContactEventType> NEEDS_AGENT =
            EnumSet.of(
                    ContactEventType.OFFERED,
                    ContactEventType.OFFER_REJECTED,
                    ContactEventType.OFFER_TIMED_OUT,
                    ContactEventType.ANSWERED);

    public ContactEvent {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    @Override
    public String key() {
        return contactId;
    }

    @Override
    public List<String> violations() {
        Violations v = Violations.ofEnvelope(this, type);
        v.require(contactId, "contactId").require(channel, "channel");
        if (type != null && NEEDS_QUEUE.contains(type)) {
            v.require(queue, "queue");
        }
        if (type != null && NEEDS_AGENT.contains(type)) {
            v.require(agentId, "agentId");
        }
        if (type == ContactEventType.IDENTIFIED) {
            v.require(customerId, "customerId");
        }
        v.name(queue, "queue");
        v.check(waitMillis == null || waitMillis >= 0, "waitMillis must not be negative");
        v.check(
                durationMillis == null || durationMillis >= 0,
                "durationMillis must not be negative");
        return v.list();
    }

    @JsonIgnore
    public String attribute(String name) {
        return attributes.get(name);
    }

    public static Builder builder(ContactEventType type, String contactId) {
        return new Builder(type, contactId);
    }

    /**
     * Builds contact events; the event id must come from the source's identity of the occurrence.
     */
    public static final class Builder {
        private final ContactEventType type;
        private final String contactId;
        private String eventId;
        private String tenant = Tenants.DEFAULT;
        private Channel channel = Channel.VOICE;
        private long eventTime;
        private String source;
        private String queue;
        private String agentId;
        private String customerId;
        private Long waitMillis;
        private Long durationMillis;
        private String reason;
        private Map<String, String> attributes = Map.of();

        private Builder(ContactEventType type, String contactId) {
            this.type = type;
            this.contactId = contactId;
        }

        public Builder eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        public Builder channel(Channel channel) {
            this.channel = channel;
            return this;
        }

        public Builder eventTime(long eventTime) {
            this.eventTime = eventTime;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder queue(String queue) {
            this.queue = queue;
            return this;
        }

        public Builder agentId(String agentId) {
            this.agentId = agentId;
            return this;
        }

        /** The CRM customer of the contact, once known; null when not (yet) known. */
        public Builder customerId(String customerId) {
            this.customerId = customerId;
            return this;
        }

        public Builder waitMillis(Long waitMillis) {
            this.waitMillis = waitMillis;
            return this;
        }

        public Builder durationMillis(Long durationMillis) {
            this.durationMillis = durationMillis;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder attributes(Map<String, String> attributes) {
            this.attributes = attributes;
            return this;
        }

        public ContactEvent build() {
            return new ContactEvent(
                    Violations.CURRENT_SCHEMA_VERSION,
                    eventId,
                    type,
                    tenant,
                    contactId,
                    channel,
                    eventTime,
                    source,
                    queue,
                    agentId,
                    customerId,
                    waitMillis,
                    durationMillis,
                    reason,
                    attributes);
        }
    }
}
