package io.ringstream.events.topics;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.serde.EventSerde;
import java.time.Duration;
import java.util.List;

/** The one place that declares Ringstream's topics; brokers, producers, jobs and tests use it. */
public final class Topics {
    private Topics() {}

    public static final Topic<ContactEvent> CONTACT_EVENTS =
            new Topic<>(
                    "contact-events",
                    6,
                    Duration.ofDays(7),
                    EventSerde.of(ContactEvent.class),
                    ContactEvent::contactId);

    public static final Topic<AgentEvent> AGENT_EVENTS =
            new Topic<>(
                    "agent-events",
                    3,
                    Duration.ofDays(7),
                    EventSerde.of(AgentEvent.class),
                    AgentEvent::agentId);

    public static final Topic<InteractionEvent> INTERACTIONS =
            new Topic<>(
                    "interactions",
                    6,
                    Duration.ofDays(7),
                    EventSerde.of(InteractionEvent.class),
                    InteractionEvent::contactId);

    public static final Topic<BusinessEvent> BUSINESS_EVENTS =
            new Topic<>(
                    "business-events",
                    3,
                    Duration.ofDays(30),
                    EventSerde.of(BusinessEvent.class),
                    BusinessEvent::customerId);

    /** Alerts for supervisors, from the sentiment and SLA jobs; routing reads them as hints. */
    public static final Topic<SupervisorAlert> SUPERVISOR_ALERTS =
            new Topic<>(
                    "supervisor-alerts",
                    3,
                    Duration.ofDays(7),
                    EventSerde.of(SupervisorAlert.class),
                    SupervisorAlert::subject);

    /** Rejected inputs, keyed by the component that rejected them; kept longer for replay. */
    public static final Topic<DeadLetter> DEAD_LETTERS =
            new Topic<>(
                    "dead-letters",
                    1,
                    Duration.ofDays(30),
                    EventSerde.of(DeadLetter.class),
                    DeadLetter::component);

    public static final List<Topic<?>> ALL =
            List.of(
                    CONTACT_EVENTS,
                    AGENT_EVENTS,
                    INTERACTIONS,
                    BUSINESS_EVENTS,
                    SUPERVISOR_ALERTS,
                    DEAD_LETTERS);
}
