package io.ringstream.customers.value.rfm;

import io.ringstream.customers.model.Violations;
import java.util.regex.Pattern;

/**
 * One row of a segment table: a segment name and the recency, frequency and (optionally) monetary
 * scores it takes, so a segment is data a tenant can edit rather than code.
 *
 * @param name shown on dashboards and the customer card: trimmed, 1–64 characters, no {@code #}, no
 *     line breaks, and no word that reads as a range ({@code R4}, {@code F2-3})
 * @param monetary {@link ScoreRange#ANY} when the rule does not look at M (null is taken as that)
 */
public record RfmSegmentRule(
        String name, ScoreRange recency, ScoreRange frequency, ScoreRange monetary) {
    public static final int MAX_NAME = 64;
    static final Pattern RANGE_WORD = Pattern.compile("([RFMrfm])(\\d+)(?:-(\\d+))?");

    public RfmSegmentRule {
        name = name == null ? null : name.strip();
        Violations v = new Violations();
        v.require(name, "segment name").maxLength(name, MAX_NAME, "segment name");
        if (name != null && !name.isEmpty()) {
            v.check(
                    name.indexOf('#') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0,
                    "segment name '" + name + "' has no '#' or line break");
            for (String word : name.split("\\s+")) {
                v.check(
                        !RANGE_WORD.matcher(word).matches(),
                        "segment name '" + name + "' has no word that reads as a range");
            }
        }
        v.require(recency, "R range of " + name).require(frequency, "F range of " + name);
        v.throwIfAny("segment rule");
        if (monetary == null) {
            monetary = ScoreRange.ANY;
        }
    }

    /** A rule on R and F only. */
    public static RfmSegmentRule of(String name, ScoreRange recency, ScoreRange frequency) {
        return new RfmSegmentRule(name, recency, frequency, ScoreRange.ANY);
    }

    public boolean matches(int r, int f, int m) {
        return recency.contains(r) && frequency.contains(f) && monetary.contains(m);
    }

    public boolean matches(RfmScore score) {
        return matches(score.recency(), score.frequency(), score.monetary());
    }

    /** The rule in the line format: {@code Champions R5 F4-5} (M only when it is not 1-5). */
    public String toLine() {
        String line = name + " R" + recency + " F" + frequency;
        return monetary.equals(ScoreRange.ANY) ? line : line + " M" + monetary;
    }
}
