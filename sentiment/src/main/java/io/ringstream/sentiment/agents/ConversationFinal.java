package io.ringstream.sentiment.agents;

import java.io.Serializable;

/**
 * What one conversation contributes to its agent's day: the agent of its latest turn and its latest
 * customer rolling score, each with the turn it came from, so turns applied in any order end in the
 * same state (the panel's {@code argMax(agent_id, turn)} and {@code argMaxIf(customer_rolling,
 * turn, isNotNull(customer_rolling))}).
 *
 * @param agentTurn the turn {@code agentId} is from, -1 before any turn
 * @param agentId the latest turn's agent, {@code ""} when none was known
 * @param scoreTurn the turn {@code score} is from, -1 while no turn had a customer rolling score
 * @param score the latest customer rolling score, null while none
 */
public record ConversationFinal(int agentTurn, String agentId, int scoreTurn, Double score)
        implements Serializable {
    /** Before any turn. */
    public static final ConversationFinal NONE = new ConversationFinal(-1, "", -1, null);

    /** Whether the conversation counts for an agent: it has an agent and a score. */
    public boolean counts() {
        return !agentId.isEmpty() && score != null;
    }

    /** This state after one more turn (a turn not later than the kept ones changes nothing). */
    public ConversationFinal with(int turn, String agent, Double customerRolling) {
        int newAgentTurn = agentTurn;
        String newAgent = agentId;
        if (turn > agentTurn) {
            newAgentTurn = turn;
            newAgent = agent == null ? "" : agent;
        }
        int newScoreTurn = scoreTurn;
        Double newScore = score;
        if (customerRolling != null && !customerRolling.isNaN() && turn > scoreTurn) {
            newScoreTurn = turn;
            newScore = customerRolling;
        }
        return new ConversationFinal(newAgentTurn, newAgent, newScoreTurn, newScore);
    }
}
