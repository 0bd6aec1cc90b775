package io.ringstream.sentiment.rolling;

import java.io.Serializable;

/**
 * When a conversation's customer sentiment deserves a supervisor's attention, and how the rolling
 * scores are smoothed. One value object so the job, its tests and the docs agree on the rules.
 *
 * @param alpha weight of the newest turn in the exponentially weighted rolling scores (0..1]; the
 *     rolling score starts from a neutral 0, so one message alone moves it by alpha × its score
 * @param threshold alert when the customer's rolling score falls below this
 * @param dropAmount alert when the customer's rolling score is more than this below its highest
 *     value over the previous {@code dropTurns} customer turns ...
 * @param dropTurns ... (the Y of "drops by more than X within Y turns")
 * @param dropFloor ... and is below this: a fall from delighted to content is no emergency
 * @param rearmLevel an alert episode ends (and the next decline can alert again) once the rolling
 *     score is back at or above this with neither condition holding
 * @param criticalLevel at or below this the alert is CRITICAL, otherwise WARNING
 * @param trendTurns the trend is the least-squares slope of the last this-many customer scores
 */
public record AlertPolicy(
        double alpha,
        double threshold,
        double dropAmount,
        int dropTurns,
        double dropFloor,
        double rearmLevel,
        double criticalLevel,
        int trendTurns)
        implements Serializable {

    /**
     * Chosen so that a chat scored by CoreNLP, whose scores rarely go below -0.65, alerts after two
     * or three clearly negative customer turns, and a lexicon-scored one after two.
     */
    public static final AlertPolicy DEFAULT = new AlertPolicy(0.4, -0.3, 0.5, 3, 0.0, 0.0, -0.5, 5);

    public AlertPolicy {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1] but was " + alpha);
        }
        if (!(threshold > -1 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (-1, 1) but was " + threshold);
        }
        if (!(dropAmount > 0 && dropAmount <= 2)) {
            throw new IllegalArgumentException(
                    "dropAmount must be in (0, 2] but was " + dropAmount);
        }
        if (dropTurns < 1 || trendTurns < 2) {
            throw new IllegalArgumentException("need dropTurns >= 1 and trendTurns >= 2");
        }
        if (rearmLevel < threshold) {
            throw new IllegalArgumentException(
                    "rearmLevel ("
                            + rearmLevel
                            + ") must not be below threshold ("
                            + threshold
                            + ")");
        }
    }

    public AlertPolicy withThreshold(double newThreshold) {
        return new AlertPolicy(
                alpha,
                newThreshold,
                dropAmount,
                dropTurns,
                dropFloor,
                rearmLevel,
                criticalLevel,
                trendTurns);
    }

    public AlertPolicy withDrop(double amount, int turns) {
        return new AlertPolicy(
                alpha, threshold, amount, turns, dropFloor, rearmLevel, criticalLevel, trendTurns);
    }

    public AlertPolicy withAlpha(double newAlpha) {
        return new AlertPolicy(
                newAlpha,
                threshold,
                dropAmount,
                dropTurns,
                dropFloor,
                rearmLevel,
                criticalLevel,
                trendTurns);
    }
}
