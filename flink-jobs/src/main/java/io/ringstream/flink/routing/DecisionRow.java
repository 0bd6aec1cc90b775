package io.ringstream.flink.routing;

/**
 * One row of ClickHouse {@code routing_decisions}: why the routing engine chose an agent.
 *
 * @param offerId the offer the decision made; empty for ring-all (one offer per agent)
 * @param step the routing step that applied, 1-based
 * @param candidatesJson the candidates as a JSON array of {agentId, score, eligible, whyNot}
 */
public record DecisionRow(
        String decisionId,
        String tenant,
        long atMillis,
        String contactId,
        String queue,
        String chosenAgentId,
        String offerId,
        int step,
        String strategy,
        String reason,
        int candidateCount,
        int eligibleCount,
        String candidatesJson) {}
