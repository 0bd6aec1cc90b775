package io.ringstream.sentiment.rolling;

import java.util.List;

/**
 * Turns a conversation's per-utterance scores into rolling scores per conversation and speaker, a
 * trend, and alert decisions: at most one alert per episode of negativity, re-armed when the
 * customer recovers. Pure logic on {@link ConversationState}; the Flink operator only stores the
 * state and forwards the results.
 *
 * <p>Rules ({@link AlertPolicy} holds the numbers):
 *
 * <ul>
 *   <li>rolling = alpha × score + (1 − alpha) × previous rolling, starting from 0 (neutral), per
 *       speaker and over the whole conversation; unscored utterances change no score;
 *   <li>the customer's trend is the least-squares slope of their last {@code trendTurns} scores;
 *   <li>after a customer turn, the <em>threshold</em> condition holds when their rolling score is
 *       below {@code threshold}; the <em>drop</em> condition when it is more than {@code
 *       dropAmount} below its highest value over the previous {@code dropTurns} customer turns and
 *       below {@code dropFloor};
 *   <li>if either holds and no episode is open, an alert is raised and an episode opens; the
 *       episode closes when, after a customer turn, neither holds and the rolling score is at least
 *       {@code rearmLevel}. Agent turns never raise or close episodes.
 * </ul>
 */
public final class RollingSentiment {
    static final int REMEMBERED_IDS = 32;

    private final AlertPolicy policy;

    public RollingSentiment(AlertPolicy policy) {
        this.policy = policy;
    }

    public AlertPolicy policy() {
        return policy;
    }

    /** Applies one utterance to the state (mutating it) and says what changed. */
    public TurnResult apply(ConversationState state, Turn turn) {
        if (turn.eventId() != null) {
            if (state.recentEventIds.contains(turn.eventId())) {
                return TurnResult.duplicateOf();
            }
            state.recentEventIds.add(turn.eventId());
            trim(state.recentEventIds, REMEMBERED_IDS);
        }
        state.turns++;
        state.lastEventTime = Math.max(state.lastEventTime, turn.eventTime());
        AlertDecision alert = null;
        Double score = turn.score();
        if (score != null) {
            state.conversationRolling = ewma(state.conversationRolling, score);
            state.speakerRolling.put(
                    turn.speaker(), ewma(state.speakerRolling.get(turn.speaker()), score));
            if (turn.fromCustomer()) {
                alert = customerTurn(state, score);
            }
        }
        TimelinePoint point =
                new TimelinePoint(
                        state.turns,
                        state.customerTurns,
                        turn.speaker(),
                        score,
                        state.conversationRolling,
                        state.customerRolling(),
                        state.speakerRolling.get("AGENT"),
                        trend(state.recentCustomerScores),
                        state.alerting);
        return new TurnResult(point, alert, false);
    }

    private AlertDecision customerTurn(ConversationState state, double score) {
        state.customerTurns++;
        double rolling = state.customerRolling();
        double peak = Double.NEGATIVE_INFINITY;
        for (double r : state.recentCustomerRolling) {
            peak = Math.max(peak, r);
        }
        double drop = peak == Double.NEGATIVE_INFINITY ? 0.0 : Math.max(0.0, peak - rolling);
        state.recentCustomerRolling.add(rolling);
        trim(state.recentCustomerRolling, policy.dropTurns());
        state.recentCustomerScores.add(score);
        trim(state.recentCustomerScores, policy.trendTurns());

        boolean belowThreshold = rolling < policy.threshold();
        boolean dropped = drop > policy.dropAmount() && rolling < policy.dropFloor();
        if (!state.alerting) {
            if (belowThreshold || dropped) {
                state.alerting = true;
                state.episodes++;
                return new AlertDecision(
                        state.episodes,
                        belowThreshold
                                ? AlertDecision.Trigger.THRESHOLD
                                : AlertDecision.Trigger.DROP,
                        rolling <= policy.criticalLevel(),
                        rolling,
                        drop,
                        trend(state.recentCustomerScores),
                        state.turns,
                        state.customerTurns);
            }
        } else if (!belowThreshold && !dropped && rolling >= policy.rearmLevel()) {
            state.alerting = false;
        }
        return null;
    }

    private double ewma(Double previous, double score) {
        double prior = previous == null ? 0.0 : previous;
        return policy.alpha() * score + (1 - policy.alpha()) * prior;
    }

    /** Least-squares slope of the values against their index; 0 for fewer than two. */
    static double trend(List<Double> values) {
        int n = values.size();
        if (n < 2) {
            return 0.0;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (double v : values) {
            meanY += v;
        }
        meanY /= n;
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - meanX) * (values.get(i) - meanY);
            den += (i - meanX) * (i - meanX);
        }
        return num / den;
    }

    private static <T> void trim(List<T> list, int max) {
        while (list.size() > max) {
            list.remove(0);
        }
    }
}
