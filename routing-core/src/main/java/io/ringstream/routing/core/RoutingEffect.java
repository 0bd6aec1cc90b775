package io.ringstream.routing.core;

import java.io.Serializable;

/**
 * What an input to the {@link RoutingEngine} caused, in order. The Flink job turns these into Kafka
 * records and audit rows; the simulator turns them into future events.
 */
public sealed interface RoutingEffect extends Serializable {

    /**
     * An agent was reserved for a contact. For RING_ALL every offer of one decision carries the
     * same {@link Decision}: write one audit row per distinct decision id.
     */
    record OfferMade(Offer offer, Decision decision) implements RoutingEffect {}

    record OfferEnded(
            String offerId, String contactId, String agentId, OfferOutcome outcome, long atMillis)
            implements RoutingEffect {}

    /** The agent's displayed state or its reason changed. */
    record AgentStateChanged(String agentId, AgentState state, String reason, long atMillis)
            implements RoutingEffect {}

    /** An agent accepted: the contact is theirs. */
    record ContactAssigned(String contactId, String agentId, String queue, long atMillis)
            implements RoutingEffect {}

    /** A waiting contact moved to a wider routing step. */
    record StepRelaxed(String contactId, String queue, int fromStep, int toStep, long atMillis)
            implements RoutingEffect {}

    record ContactRemoved(String contactId, RemovalReason why, long atMillis)
            implements RoutingEffect {}

    /**
     * An input that referred to something routing does not know (or no longer knows), e.g.
     * accepting an offer that already timed out. State did not change.
     */
    record Ignored(String input, String id, String why, long atMillis) implements RoutingEffect {}
}
