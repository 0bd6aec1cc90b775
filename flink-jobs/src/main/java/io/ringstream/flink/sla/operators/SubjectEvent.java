package io.ringstream.flink.sla.operators;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.InteractionEvent;

/**
 * One input of the SLA signal operator: a contact event, a chat message or an agent event (exactly
 * one is set). A single type lets one keyed operator with one broadcast input serve all three
 * topics; contact events and chat messages share the contact's key.
 */
public record SubjectEvent(ContactEvent contact, InteractionEvent interaction, AgentEvent agent) {

    public SubjectEvent {
        int set =
                (contact != null ? 1 : 0) + (interaction != null ? 1 : 0) + (agent != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("exactly one event is required");
        }
    }

    public static SubjectEvent of(ContactEvent e) {
        return new SubjectEvent(e, null, null);
    }

    public static SubjectEvent of(InteractionEvent e) {
        return new SubjectEvent(null, e, null);
    }

    public static SubjectEvent of(AgentEvent e) {
        return new SubjectEvent(null, null, e);
    }

    /** Contacts and agents live in separate key spaces: an agent id may equal a contact id. */
    public String key() {
        if (agent != null) {
            return "agent\u001f" + agent.tenant() + '\u001f' + agent.agentId();
        }
        return contact != null
                ? "contact\u001f" + contact.tenant() + '\u001f' + contact.contactId()
                : "contact\u001f" + interaction.tenant() + '\u001f' + interaction.contactId();
    }

    public long eventTime() {
        if (contact != null) {
            return contact.eventTime();
        }
        return interaction != null ? interaction.eventTime() : agent.eventTime();
    }
}
