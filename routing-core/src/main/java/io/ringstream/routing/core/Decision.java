package io.ringstream.routing.core;

import java.io.Serializable;
import java.util.List;

/**
 * The audit row of one routing decision: which agent was chosen for which contact, under which step
 * and strategy, why, and the candidates considered with their scores. For RING_ALL the chosen agent
 * is null: every eligible agent is offered the contact.
 *
 * <p>Candidates hold the best eligible agents in the strategy's order, then ineligible agents of
 * the queue with the reason, each part capped at {@link RoutingConfig#auditCandidates()}.
 */
public record Decision(
        String decisionId,
        String tenant,
        String contactId,
        String queue,
        String chosenAgentId,
        int stepIndex,
        Strategy strategy,
        String reason,
        List<Candidate> candidates,
        long atMillis)
        implements Serializable {

    public Decision {
        candidates = List.copyOf(candidates);
    }
}
