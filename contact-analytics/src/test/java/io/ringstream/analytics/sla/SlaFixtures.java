package io.ringstream.analytics.sla;

import io.ringstream.analytics.sla.clock.SignalType;
import io.ringstream.analytics.sla.clock.SlaSignal;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.SlaEvent.SubjectType;
import io.ringstream.events.SlaKind;
import io.ringstream.events.SlaPolicy;
import io.ringstream.events.Speaker;
import io.ringstream.testkit.TestEvents;

/**
 * SLA test shorthands: the shared {@link TestEvents} in one tenant, and clock signals. Exported in
 * this module's test jar for the SLA job's tests.
 */
public final class SlaFixtures {
    private SlaFixtures() {}

    /** 2024-03-01T10:00:00Z. */
    public static final long T0 = TestEvents.T0;

    public static final String TENANT = "acme";

    public static ContactEvent.Builder contact(
            String contactId, ContactEventType type, long at, Channel channel) {
        return TestEvents.contact(TENANT, contactId, type, at).channel(channel);
    }

    public static ContactEvent event(String contactId, ContactEventType type, long at) {
        return contact(contactId, type, at, Channel.VOICE).build();
    }

    public static ContactEvent queued(String contactId, String queue, long at) {
        return TestEvents.queued(TENANT, contactId, queue, at);
    }

    public static ContactEvent answered(String contactId, String queue, long at, long wait) {
        return TestEvents.answered(TENANT, contactId, queue, at, wait);
    }

    public static ContactEvent abandoned(String contactId, String queue, long at, long wait) {
        return TestEvents.abandoned(TENANT, contactId, queue, at, wait);
    }

    public static InteractionEvent chat(String contactId, Speaker speaker, long at) {
        return TestEvents.chat(TENANT, contactId, speaker, at);
    }

    public static AgentEvent agent(String agentId, AgentEventType type, String queue, long at) {
        return TestEvents.agent(TENANT, agentId, type, queue, at);
    }

    public static SlaPolicy policy(
            String id, SlaKind kind, String queue, Channel channel, long seconds, Double warning) {
        return TestEvents.policy(TENANT, id, kind, queue, channel, seconds, warning);
    }

    /** A START of an answer clock for contact {@code c} in queue sales. */
    public static SlaSignal start(String c, long at, long threshold, long warnAfter) {
        return new SlaSignal(
                SignalType.START,
                TENANT,
                SubjectType.CONTACT,
                c,
                SlaKind.ANSWER,
                EventIds.of(c, "clock", Long.toString(at)),
                at,
                at,
                "p-sales",
                threshold,
                warnAfter,
                c,
                null,
                "sales",
                Channel.VOICE,
                null,
                null,
                false);
    }

    /** A STOP, CANCEL or SUPERSEDE of contact {@code c}'s answer clock. */
    public static SlaSignal end(String c, SignalType type, long at, String reason) {
        return new SlaSignal(
                type,
                TENANT,
                SubjectType.CONTACT,
                c,
                SlaKind.ANSWER,
                null,
                at,
                0,
                null,
                0,
                0,
                c,
                type == SignalType.STOP ? "agent-7" : null,
                "sales",
                Channel.VOICE,
                null,
                reason,
                false);
    }
}
