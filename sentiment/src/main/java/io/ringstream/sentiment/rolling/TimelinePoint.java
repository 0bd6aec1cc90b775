package io.ringstream.sentiment.rolling;

/**
 * The conversation's sentiment right after one utterance: a row of the timeline supervisors and
 * analysts read.
 *
 * @param turn 1-based index of the utterance in the conversation (scored or not)
 * @param customerTurn scored customer utterances so far
 * @param score this utterance's score, null when unscored
 * @param conversationRolling rolling score over all speakers, null before any score
 * @param customerRolling the customer's rolling score, null before the customer's first score
 * @param agentRolling the agent's rolling score, null before the agent's first score
 * @param customerTrend slope of the customer's recent scores per turn (negative: getting worse)
 * @param alerting whether an alert episode is open after this utterance
 */
public record TimelinePoint(
        int turn,
        int customerTurn,
        String speaker,
        Double score,
        Double conversationRolling,
        Double customerRolling,
        Double agentRolling,
        double customerTrend,
        boolean alerting) {}
