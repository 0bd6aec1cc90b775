package io.ringstream.customers.value.rfm;

import io.ringstream.customers.model.Violations;

/**
 * An inclusive range of 1–5 scores, such as {@code 4-5}, the building block of a segment rule.
 *
 * @param min at least 1
 * @param max at most 5, not below {@code min}
 */
public record ScoreRange(int min, int max) {
    /** Every score: what a rule without an M range uses for M. */
    public static final ScoreRange ANY = new ScoreRange(RfmScore.MIN, RfmScore.MAX);

    public ScoreRange {
        Violations v = new Violations();
        v.check(
                RfmScore.inRange(min) && RfmScore.inRange(max),
                "a range is within 1-5, not " + text(min, max));
        v.check(min <= max, "a range runs from low to high, not " + text(min, max));
        v.throwIfAny("score range");
    }

    /** The range of one score. */
    public static ScoreRange of(int score) {
        return new ScoreRange(score, score);
    }

    public static ScoreRange of(int min, int max) {
        return new ScoreRange(min, max);
    }

    public boolean contains(int score) {
        return score >= min && score <= max;
    }

    /** {@code 4-5}, or {@code 3} for a single score: the line format's spelling. */
    @Override
    public String toString() {
        return text(min, max);
    }

    private static String text(int min, int max) {
        return min == max ? Integer.toString(min) : min + "-" + max;
    }
}
