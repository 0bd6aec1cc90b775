package io.ringstream.events.topics;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.Assignment;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingStatus;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaPolicy;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.serde.EventSerde;
import java.time.Duration;
import java.util.List;

/**
 * The one place that declares Ringstream's topics; brokers, producers, jobs and tests use it. Each
 * topic names the reader that reports its malformed records (the archive job for the events every
 * job reads, otherwise the topic's main reader).
 */
public final class Topics {
    private Topics() {}

    public static final Topic<ContactEvent> CONTACT_EVENTS =
            new Topic<>(
                    "contact-events",
                    6,
                    Duration.ofDays(7),
                    EventSerde.of(ContactEvent.class),
                    ContactEvent::contactId,
                    Components.ARCHIVE_JOB);

    public static final Topic<AgentEvent> AGENT_EVENTS =
            new Topic<>(
                    "agent-events",
                    3,
                    Duration.ofDays(7),
                    EventSerde.of(AgentEvent.class),
                    AgentEvent::agentId,
                    Components.ARCHIVE_JOB);

    public static final Topic<InteractionEvent> INTERACTIONS =
            new Topic<>(
                    "interactions",
                    6,
                    Duration.ofDays(7),
                    EventSerde.of(InteractionEvent.class),
                    InteractionEvent::contactId,
                    Components.SENTIMENT_JOB);

    public static final Topic<BusinessEvent> BUSINESS_EVENTS =
            new Topic<>(
                    "business-events",
                    3,
                    Duration.ofDays(30),
                    EventSerde.of(BusinessEvent.class),
                    BusinessEvent::customerId,
                    Components.ROUTING_JOB);

    /**
     * Every committed change to a customer record, from routing-service's outbox, keyed by customer
     * id. Holds personal data, so it is kept for 7 days only: ClickHouse and PostgreSQL are the
     * records, and an erasure must not outlive the retention here by long (docs/customers.md).
     */
    public static final Topic<CustomerChange> CUSTOMER_CHANGES =
            new Topic<>(
                    "customer-changes",
                    3,
                    Duration.ofDays(7),
                    EventSerde.of(CustomerChange.class),
                    CustomerChange::customerId,
                    Components.ARCHIVE_JOB);

    /** Alerts for supervisors, from the sentiment and SLA jobs; routing reads them as hints. */
    public static final Topic<SupervisorAlert> SUPERVISOR_ALERTS =
            new Topic<>(
                    "supervisor-alerts",
                    3,
                    Duration.ofDays(7),
                    EventSerde.of(SupervisorAlert.class),
                    SupervisorAlert::subject,
                    Components.ROUTING_JOB);

    /** Inputs of the routing job, keyed by tenant: a tenant's commands are applied in order. */
    public static final Topic<RoutingCommand> ROUTING_COMMANDS =
            new Topic<>(
                    "routing-commands",
                    3,
                    Duration.ofDays(7),
                    EventSerde.of(RoutingCommand.class),
                    RoutingCommand::tenant,
                    Components.ROUTING_JOB);

    /** Offers and their outcomes from the routing job, keyed by tenant (decision order). */
    public static final Topic<Assignment> ROUTING_ASSIGNMENTS =
            new Topic<>(
                    "routing-assignments",
                    3,
                    Duration.ofDays(7),
                    EventSerde.of(Assignment.class),
                    Assignment::tenant,
                    Components.ROUTING_SERVICE);

    /** Live snapshots of each tenant's queues and agents; only the newest matters. */
    public static final Topic<RoutingStatus> ROUTING_STATUS =
            new Topic<>(
                    "routing-status",
                    3,
                    Duration.ofDays(1),
                    EventSerde.of(RoutingStatus.class),
                    RoutingStatus::tenant,
                    Components.ROUTING_SERVICE);

    /**
     * SLA policies, keyed by policy id. Configuration, not traffic: kept for a century so that a
     * job started from scratch reads every policy still in force (the newest record per id wins).
     */
    public static final Topic<SlaPolicy> SLA_POLICIES =
            new Topic<>(
                    "sla-policies",
                    1,
                    Duration.ofDays(36_500),
                    EventSerde.of(SlaPolicy.class),
                    SlaPolicy::policyId,
                    Components.SLA_JOB);

    /**
     * Conversion funnel definitions, keyed by funnel id. Configuration like {@link #SLA_POLICIES}:
     * kept for a century so that a job started from scratch reads every funnel still in force (the
     * newest record per tenant and id wins; {@code active: false} withdraws one).
     */
    public static final Topic<FunnelDefinition> FUNNEL_DEFINITIONS =
            new Topic<>(
                    "funnel-definitions",
                    1,
                    Duration.ofDays(36_500),
                    EventSerde.of(FunnelDefinition.class),
                    FunnelDefinition::funnelId,
                    Components.CONVERSION_JOB);

    /**
     * Every SLA warning, breach, met and cancellation from the SLA job, keyed by subject. No
     * Ringstream component reads it (it is for integrations), so nobody reports its rejects.
     */
    public static final Topic<SlaEvent> SLA_EVENTS =
            new Topic<>(
                    "sla-events",
                    3,
                    Duration.ofDays(7),
                    EventSerde.of(SlaEvent.class),
                    SlaEvent::subject,
                    null);

    /**
     * Rejected inputs, keyed by the component that rejected them; kept longer for replay. The
     * archive job copies it into ClickHouse, and archives an undecodable one there directly.
     */
    public static final Topic<DeadLetter> DEAD_LETTERS =
            new Topic<>(
                    "dead-letters",
                    1,
                    Duration.ofDays(30),
                    EventSerde.of(DeadLetter.class),
                    DeadLetter::component,
                    Components.ARCHIVE_JOB);

    public static final List<Topic<?>> ALL =
            List.of(
                    CONTACT_EVENTS,
                    AGENT_EVENTS,
                    INTERACTIONS,
                    BUSINESS_EVENTS,
                    CUSTOMER_CHANGES,
                    SUPERVISOR_ALERTS,
                    ROUTING_COMMANDS,
                    ROUTING_ASSIGNMENTS,
                    ROUTING_STATUS,
                    SLA_POLICIES,
                    FUNNEL_DEFINITIONS,
                    SLA_EVENTS,
                    DEAD_LETTERS);
}
