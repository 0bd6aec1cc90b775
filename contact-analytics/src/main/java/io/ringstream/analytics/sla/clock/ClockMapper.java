package io.ringstream.analytics.sla.clock;

import io.ringstream.analytics.sla.policy.ClockScope;
import io.ringstream.analytics.sla.policy.ResolvedPolicy;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.EventIds;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.SlaEvent.SubjectType;
import io.ringstream.events.SlaKind;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns contact, chat and agent events into clock signals: which event starts, stops or cancels
 * which SLA clock. This is the whole definition of every SLA kind (see docs/kpis.md, "SLA clocks");
 * the CEP patterns downstream only decide, in event time, what happened first.
 *
 * <p>Signals that end a clock are emitted whether or not this mapper saw the clock start: events of
 * one contact come from several topics and may arrive out of order, and the patterns put them back
 * in event-time order. The few decisions that need memory (a chat's first agent reply, an open
 * reply gap or hold, an agent's previous state) use {@link SubjectState}, which follows a subject's
 * events as they arrive; each of those comes from a single producer in order.
 */
public final class ClockMapper implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Contact attribute holding the routing priority (an integer; higher is more urgent). */
    public static final String PRIORITY_ATTRIBUTE = "priority";

    private final long shortAbandonMillis;

    public ClockMapper(SlaSettings settings) {
        this.shortAbandonMillis = settings.shortAbandon().toMillis();
    }

    /**
     * @return the signals of one contact event, in the order they apply
     */
    public List<SlaSignal> onContact(ContactEvent e, SubjectState s, PolicyLookup policies) {
        if (!firstSighting(s, e.eventId(), e.eventTime())) {
            return List.of();
        }
        init(s, e.tenant(), SubjectType.CONTACT, e.contactId());
        s.channel = e.channel();
        if (e.queue() != null) {
            s.queue = e.queue();
        }
        Integer priority = priorityOf(e.attributes());
        if (priority != null) {
            s.priority = priority;
        }
        if (e.agentId() != null) {
            s.agentId = e.agentId();
        }
        Signals out = new Signals(e.tenant(), SubjectType.CONTACT, e.contactId(), s, policies);
        long t = e.eventTime();
        // An expression, not a statement: a new event type does not compile until it is placed.
        return switch (e.type()) {
            case ARRIVED -> {
                firstClocks(out, e.eventId(), t);
                yield out.list;
            }
            case QUEUED -> {
                firstClocks(out, e.eventId(), t);
                out.end(SignalType.SUPERSEDE, SlaKind.ANSWER, t, null, "requeued", false);
                out.start(SlaKind.ANSWER, e.eventId(), t, e.queue(), null);
                s.lastQueuedAt = t;
                yield out.list;
            }
            case ANSWERED -> {
                out.end(SignalType.STOP, SlaKind.ANSWER, t, e.agentId(), null, false);
                if (e.channel() == Channel.CALLBACK
                        || e.channel() == Channel.EMAIL
                        || e.channel() == Channel.TICKET) {
                    out.end(SignalType.STOP, SlaKind.FIRST_RESPONSE, t, e.agentId(), null, false);
                }
                yield out.list;
            }
            case ABANDONED -> {
                long wait =
                        e.waitMillis() != null
                                ? e.waitMillis()
                                : s.lastQueuedAt == null ? 0 : Math.max(0, t - s.lastQueuedAt);
                out.end(
                        SignalType.CANCEL,
                        SlaKind.ANSWER,
                        t,
                        null,
                        "abandoned",
                        wait < shortAbandonMillis);
                out.end(SignalType.CANCEL, SlaKind.FIRST_RESPONSE, t, null, "abandoned", false);
                yield out.list;
            }
            case TRANSFERRED -> {
                out.end(SignalType.CANCEL, SlaKind.ANSWER, t, null, "transferred", false);
                yield out.list;
            }
            case HELD -> {
                if (!s.onHold) {
                    s.onHold = true;
                    out.start(SlaKind.HOLD, e.eventId(), t, s.queue, s.agentId);
                }
                yield out.list;
            }
            case RESUMED -> {
                s.onHold = false;
                out.end(SignalType.STOP, SlaKind.HOLD, t, null, null, false);
                yield out.list;
            }
            case TALK_ENDED -> {
                s.onHold = false;
                out.end(SignalType.STOP, SlaKind.HOLD, t, null, null, false);
                out.start(SlaKind.WRAP_UP, e.eventId(), t, s.queue, s.agentId);
                yield out.list;
            }
            case WRAPUP_ENDED -> {
                out.end(SignalType.STOP, SlaKind.WRAP_UP, t, null, null, false);
                yield out.list;
            }
            case ENDED -> {
                out.end(SignalType.CANCEL, SlaKind.ANSWER, t, null, "ended", false);
                out.end(SignalType.CANCEL, SlaKind.FIRST_RESPONSE, t, null, "ended", false);
                out.end(SignalType.STOP, SlaKind.RESOLUTION, t, null, null, false);
                if (s.onHold) {
                    s.onHold = false;
                    out.end(SignalType.STOP, SlaKind.HOLD, t, null, null, false);
                }
                if (s.gapOpen) {
                    s.gapOpen = false;
                    out.end(SignalType.CANCEL, SlaKind.REPLY_GAP, t, null, "ended", false);
                }
                s.endedAt = s.endedAt == null ? t : Math.min(s.endedAt, t);
                yield out.list;
            }
            case IDENTIFIED, OFFERED, OFFER_REJECTED, OFFER_TIMED_OUT, DEQUEUED -> {
                // No clock starts or stops. DEQUEUED in particular precedes ANSWERED on Asterisk
                // and must not end a wait; IDENTIFIED only names the customer.
                yield out.list;
            }
        };
    }

    /** Chat messages: first agent response and the gaps between customer and agent. */
    public List<SlaSignal> onInteraction(
            InteractionEvent e, SubjectState s, PolicyLookup policies) {
        if (e.type() != InteractionType.CHAT_MESSAGE) {
            return List.of();
        }
        if (!firstSighting(s, e.eventId(), e.eventTime())) {
            return List.of();
        }
        init(s, e.tenant(), SubjectType.CONTACT, e.contactId());
        if (s.channel == null) {
            s.channel = e.channel();
        }
        Signals out = new Signals(e.tenant(), SubjectType.CONTACT, e.contactId(), s, policies);
        long t = e.eventTime();
        // An expression, not a statement: a new constant does not compile until it is placed.
        return switch (e.speaker()) {
            case CUSTOMER -> {
                firstClocks(out, e.eventId(), t);
                if (s.agentResponded && !s.gapOpen) {
                    s.gapOpen = true;
                    out.start(SlaKind.REPLY_GAP, e.eventId(), t, s.queue, s.agentId);
                }
                yield out.list;
            }
            case AGENT -> {
                out.end(SignalType.STOP, SlaKind.FIRST_RESPONSE, t, s.agentId, null, false);
                s.agentResponded = true;
                if (s.gapOpen) {
                    s.gapOpen = false;
                    out.end(SignalType.STOP, SlaKind.REPLY_GAP, t, s.agentId, null, false);
                }
                yield out.list;
            }
            case BOT -> {
                // Bots neither answer for an agent nor open a gap.
                yield out.list;
            }
        };
    }

    /** Agent states: wrap-up and not-ready clocks run while the agent stays in that state. */
    public List<SlaSignal> onAgent(AgentEvent e, SubjectState s, PolicyLookup policies) {
        if (e.type() == AgentEventType.SKILLS_CHANGED) {
            return List.of();
        }
        if (!firstSighting(s, e.eventId(), e.eventTime())) {
            return List.of();
        }
        init(s, e.tenant(), SubjectType.AGENT, e.agentId());
        if (s.agentState != null && e.eventTime() < s.agentStateAt) {
            // Older than the state we know: it changes nothing about what the agent is doing now.
            return List.of();
        }
        Signals out = new Signals(e.tenant(), SubjectType.AGENT, e.agentId(), s, policies);
        long t = e.eventTime();
        String previous = s.agentState;
        String next = e.type().name();
        for (SlaKind kind : List.of(SlaKind.WRAP_UP, SlaKind.NOT_READY)) {
            String stateOfKind = kind.name();
            if (stateOfKind.equals(previous) && !stateOfKind.equals(next)) {
                out.end(SignalType.STOP, kind, t, e.agentId(), null, false);
            }
        }
        for (SlaKind kind : List.of(SlaKind.WRAP_UP, SlaKind.NOT_READY)) {
            String stateOfKind = kind.name();
            if (stateOfKind.equals(next) && !stateOfKind.equals(previous)) {
                out.start(kind, e.eventId(), t, e.queue(), e.agentId());
            }
        }
        s.agentState = next;
        s.agentStateAt = t;
        return out.list;
    }

    /**
     * Cancels, as {@code expired}, every kind of clock the subject ever started, when its state is
     * dropped: a clock that may still run ends, and the patterns release what they keep per key.
     */
    public List<SlaSignal> expire(SubjectState s, long at) {
        List<SlaSignal> out = new ArrayList<>();
        if (s.tenant == null) {
            return out;
        }
        for (String kind : s.usedKinds) {
            out.add(
                    new SlaSignal(
                            SignalType.CANCEL,
                            s.tenant,
                            s.subjectType,
                            s.subject,
                            SlaKind.valueOf(kind),
                            null,
                            at,
                            0,
                            null,
                            0,
                            0,
                            s.subjectType == SubjectType.CONTACT ? s.subject : null,
                            s.subjectType == SubjectType.AGENT ? s.subject : s.agentId,
                            s.queue,
                            s.channel,
                            s.priority,
                            "expired",
                            false));
        }
        s.openClocks.clear();
        return out;
    }

    private void firstClocks(Signals out, String eventId, long t) {
        SubjectState s = out.state;
        if (!s.firstClocksStarted) {
            s.firstClocksStarted = true;
            out.start(SlaKind.FIRST_RESPONSE, eventId, t, s.queue, null);
            out.start(SlaKind.RESOLUTION, eventId, t, s.queue, null);
        }
    }

    private static void init(
            SubjectState s, String tenant, SubjectType subjectType, String subject) {
        if (s.tenant == null) {
            s.tenant = tenant;
            s.subjectType = subjectType;
            s.subject = subject;
        }
    }

    /** Records the id; false for an event already applied (a re-delivery). */
    private static boolean firstSighting(SubjectState s, String eventId, long eventTime) {
        if (s.seenEventIds.contains(eventId)) {
            return false;
        }
        s.seenEventIds.add(eventId);
        s.lastEventTime = Math.max(s.lastEventTime, eventTime);
        return true;
    }

    static Integer priorityOf(Map<String, String> attributes) {
        String value = attributes == null ? null : attributes.get(PRIORITY_ATTRIBUTE);
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Collects one event's signals with the subject's context filled in. */
    private static final class Signals {
        private final String tenant;
        private final SubjectType subjectType;
        private final String subject;
        private final SubjectState state;
        private final PolicyLookup policies;
        private final List<SlaSignal> list = new ArrayList<>(3);

        Signals(
                String tenant,
                SubjectType subjectType,
                String subject,
                SubjectState state,
                PolicyLookup policies) {
            this.tenant = tenant;
            this.subjectType = subjectType;
            this.subject = subject;
            this.state = state;
            this.policies = Objects.requireNonNull(policies, "policies");
        }

        void start(SlaKind kind, String eventId, long t, String queue, String agentId) {
            Channel channel = subjectType == SubjectType.AGENT ? null : state.channel;
            Integer priority = subjectType == SubjectType.AGENT ? null : state.priority;
            ResolvedPolicy policy =
                    policies.resolve(new ClockScope(tenant, kind, queue, channel, priority));
            if (policy == null) {
                return;
            }
            state.openClocks.put(kind.name(), t + policy.thresholdMillis());
            if (!state.usedKinds.contains(kind.name())) {
                state.usedKinds.add(kind.name());
            }
            list.add(
                    new SlaSignal(
                            SignalType.START,
                            tenant,
                            subjectType,
                            subject,
                            kind,
                            EventIds.of(eventId, kind.name()),
                            t,
                            t,
                            policy.policyId(),
                            policy.thresholdMillis(),
                            policy.warnAfterMillis(),
                            contactId(),
                            agentId,
                            queue,
                            channel,
                            priority,
                            null,
                            false));
        }

        void end(
                SignalType type,
                SlaKind kind,
                long t,
                String agentId,
                String reason,
                boolean shortAbandon) {
            state.openClocks.remove(kind.name());
            list.add(
                    new SlaSignal(
                            type,
                            tenant,
                            subjectType,
                            subject,
                            kind,
                            null,
                            t,
                            0,
                            null,
                            0,
                            0,
                            contactId(),
                            agentId,
                            state.queue,
                            subjectType == SubjectType.AGENT ? null : state.channel,
                            subjectType == SubjectType.AGENT ? null : state.priority,
                            reason,
                            shortAbandon));
        }

        private String contactId() {
            return subjectType == SubjectType.CONTACT ? subject : null;
        }
    }
}
