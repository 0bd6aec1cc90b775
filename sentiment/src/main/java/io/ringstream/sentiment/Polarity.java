package io.ringstream.sentiment;

import java.util.Locale;

/**
 * Negative, neutral or positive: the granularity people label reliably, used by the evaluation set
 * and its metrics.
 */
public enum Polarity {
    NEGATIVE,
    NEUTRAL,
    POSITIVE;

    /**
     * @throws IllegalArgumentException unless the text is negative, neutral or positive (any case)
     */
    public static Polarity parse(String text) {
        String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (Polarity p : values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "label must be negative, neutral or positive but was '" + text + "'");
    }

    public String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }
}
