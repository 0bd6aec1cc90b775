package io.ringstream.customers.value.rfm;

import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.model.ModelViolationException;
import io.ringstream.customers.model.Violations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The editable map from RFM scores to named segments: an ordered list of rules where the first
 * match wins, checked to name a segment for every possible score so no customer is ever left
 * without one.
 *
 * <p>A table is refused ({@link ModelViolationException}, listing every problem) when it has no
 * rules, a rule is malformed, or some (R, F) cell, for some M, matches no rule; the message names
 * the uncovered cells ({@code R2F3}, or {@code R2F3 for M1-2} when only some M are missing).
 *
 * <p>The line format ({@link #parse}): one rule a line, the name then its ranges, {@code R} and
 * {@code F} required, {@code M} optional, e.g. {@code Can't Lose Them R1-2 F5} or {@code Big
 * Spenders R3-5 F1-5 M5}. {@code #} starts a comment; blank lines are ignored.
 */
public final class RfmSegmentTable {

    /**
     * The shipped table: the well-known 11-segment map on R × F (the common R × F {@code seg_map}
     * with Lost carved out of Hibernating at R1F1), documented in docs/rfm.md.
     */
    public static final String DEFAULT_TEXT =
            """
            # The default RFM segments on recency (R) and frequency (F) scores; first match wins.
            Champions          R5   F4-5
            Loyal Customers    R3-4 F4-5
            Potential Loyalist R4-5 F2-3
            New Customers      R5   F1
            Promising          R4   F1
            Need Attention     R3   F3
            About To Sleep     R3   F1-2
            Can't Lose Them    R1-2 F5
            At Risk            R1-2 F3-4
            Lost               R1   F1
            Hibernating        R1-2 F1-2
            """;

    /** {@link #DEFAULT_TEXT}, parsed. */
    public static final RfmSegmentTable DEFAULT = parse(DEFAULT_TEXT);

    private final List<RfmSegmentRule> rules;

    private RfmSegmentTable(List<RfmSegmentRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * A table of these rules, in order.
     *
     * @throws ModelViolationException when there are no rules or a cell is uncovered
     */
    public static RfmSegmentTable of(List<RfmSegmentRule> rules) {
        Violations v = new Violations();
        check(rules, v);
        v.throwIfAny("RFM segment table");
        return new RfmSegmentTable(rules);
    }

    /**
     * Reads the line format.
     *
     * @throws ModelViolationException listing every malformed line ({@code line 3: ...}) and the
     *     uncovered cells of the lines that were well formed
     */
    public static RfmSegmentTable parse(String text) {
        Violations v = new Violations();
        List<RfmSegmentRule> rules = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                rules.add(parseLine(line.strip()));
            } catch (ModelViolationException e) {
                for (String problem : e.violations()) {
                    v.add("line " + (i + 1) + ": " + problem);
                }
            }
        }
        check(rules, v);
        v.throwIfAny("RFM segment table");
        return new RfmSegmentTable(rules);
    }

    private static RfmSegmentRule parseLine(String line) {
        String[] words = line.split("\\s+");
        int first = 0;
        while (first < words.length && !RfmSegmentRule.RANGE_WORD.matcher(words[first]).matches()) {
            first++;
        }
        Violations v = new Violations();
        String name = String.join(" ", Arrays.copyOfRange(words, 0, first));
        v.check(!name.isEmpty(), "'" + line + "' starts with a segment name");
        Map<Character, ScoreRange> ranges = new LinkedHashMap<>();
        Set<Character> given = new HashSet<>();
        for (int i = first; i < words.length; i++) {
            Matcher m = RfmSegmentRule.RANGE_WORD.matcher(words[i]);
            if (!m.matches()) {
                v.add("'" + words[i] + "' is not a range such as R4-5, F2 or M1-3");
                continue;
            }
            char letter = Character.toUpperCase(m.group(1).charAt(0));
            if (!given.add(letter)) {
                v.add(letter + " is given twice");
                continue;
            }
            try {
                int min = Integer.parseInt(m.group(2));
                int max = m.group(3) == null ? min : Integer.parseInt(m.group(3));
                ranges.put(letter, new ScoreRange(min, max));
            } catch (NumberFormatException e) {
                v.add("'" + words[i] + "': a range is within 1-5");
            } catch (ModelViolationException e) {
                e.violations().forEach(p -> v.add(letter + ": " + p));
            }
        }
        v.check(given.contains('R'), "'" + line + "' has an R range");
        v.check(given.contains('F'), "'" + line + "' has an F range");
        v.throwIfAny("segment rule");
        return new RfmSegmentRule(name, ranges.get('R'), ranges.get('F'), ranges.get('M'));
    }

    private static void check(List<RfmSegmentRule> rules, Violations v) {
        if (rules == null || rules.isEmpty()) {
            v.add("a segment table has at least one rule");
            return;
        }
        List<String> uncovered = new ArrayList<>();
        for (int r = RfmScore.MAX; r >= RfmScore.MIN; r--) {
            for (int f = RfmScore.MIN; f <= RfmScore.MAX; f++) {
                List<Integer> missingM = new ArrayList<>();
                for (int m = RfmScore.MIN; m <= RfmScore.MAX; m++) {
                    if (firstMatch(rules, r, f, m) < 0) {
                        missingM.add(m);
                    }
                }
                if (missingM.size() == RfmScore.MAX) {
                    uncovered.add("R" + r + "F" + f);
                } else if (!missingM.isEmpty()) {
                    uncovered.add("R" + r + "F" + f + " for M" + compact(missingM));
                }
            }
        }
        if (!uncovered.isEmpty()) {
            v.add(
                    "every (R, F) cell matches a rule; these do not: "
                            + String.join(", ", uncovered));
        }
    }

    /** {@code [1, 2, 4]} as {@code 1-2,4}. */
    private static String compact(List<Integer> sorted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(sorted.get(i));
            if (j > i) {
                out.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }

    private static int firstMatch(List<RfmSegmentRule> rules, int r, int f, int m) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).matches(r, f, m)) {
                return i;
            }
        }
        return -1;
    }

    public List<RfmSegmentRule> rules() {
        return rules;
    }

    /** The segment names, each once, in the order of their first rule. */
    public List<String> segmentNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        rules.forEach(rule -> names.add(rule.name()));
        return List.copyOf(names);
    }

    /** The segment of these scores: the name of the first rule that matches them. */
    public String segmentOf(int recency, int frequency, int monetary) {
        int i = firstMatch(rules, recency, frequency, monetary);
        if (i < 0) {
            // Only scores outside 1-5 get here: the table covers every valid cell.
            throw new IllegalArgumentException(
                    "scores are 1 to 5: R" + recency + " F" + frequency + " M" + monetary);
        }
        return rules.get(i).name();
    }

    public String segmentOf(RfmScore score) {
        return segmentOf(score.recency(), score.frequency(), score.monetary());
    }

    /** Each scored customer's segment, in the scoring's order. */
    public Map<CustomerId, String> assign(RfmScoring scoring) {
        Map<CustomerId, String> out = new LinkedHashMap<>();
        scoring.scores().forEach(s -> out.put(s.customerId(), segmentOf(s)));
        return out;
    }

    /**
     * The rules no score can reach because earlier rules match all their cells: harmless, but
     * usually an editing mistake worth showing next to the table.
     */
    public List<RfmSegmentRule> shadowedRules() {
        List<RfmSegmentRule> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            boolean reached = false;
            for (int r = RfmScore.MIN; r <= RfmScore.MAX && !reached; r++) {
                for (int f = RfmScore.MIN; f <= RfmScore.MAX && !reached; f++) {
                    for (int m = RfmScore.MIN; m <= RfmScore.MAX && !reached; m++) {
                        reached = firstMatch(rules, r, f, m) == i;
                    }
                }
            }
            if (!reached) {
                out.add(rules.get(i));
            }
        }
        return out;
    }

    /** The table in the line format, one rule a line: {@link #parse} reads it back. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        rules.forEach(rule -> out.append(rule.toLine()).append('\n'));
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RfmSegmentTable t && t.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return toText();
    }
}
