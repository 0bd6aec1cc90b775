package io.ringstream.sentiment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which model scores which language, written as {@code en=corenlp,es=lexicon-es} in configuration
 * (environment variables, command-line flags), so operators can swap models without a rebuild.
 */
public final class ModelAssignment {
    /** CoreNLP for English, the team's lexicon model for Spanish. */
    public static final String DEFAULT = "en=corenlp,es=lexicon-es";

    private ModelAssignment() {}

    /**
     * @return language → model spec, in the order written
     * @throws IllegalArgumentException naming the malformed entry
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException(
                        "expected language=model but got '" + part.trim() + "' in '" + text + "'");
            }
            String language = SentimentScorer.normalizeLanguage(part.substring(0, eq));
            String spec = part.substring(eq + 1).trim();
            if (out.put(language, spec) != null) {
                throw new IllegalArgumentException("language " + language + " given twice");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no language=model pair in '" + text + "'");
        }
        return out;
    }

    public static String format(Map<String, String> assignment) {
        StringBuilder sb = new StringBuilder();
        assignment.forEach(
                (l, s) -> {
                    if (sb.length() > 0) {
                        sb.append(',');
                    }
                    sb.append(l).append('=').append(s);
                });
        return sb.toString();
    }
}
