package io.ringstream.sentiment;

import java.util.Locale;

/** The five classes Stanford's sentiment treebank uses; coarser models use a subset. */
public enum SentimentLabel {
    VERY_NEGATIVE(Polarity.NEGATIVE),
    NEGATIVE(Polarity.NEGATIVE),
    NEUTRAL(Polarity.NEUTRAL),
    POSITIVE(Polarity.POSITIVE),
    VERY_POSITIVE(Polarity.POSITIVE);

    /** Scores at or below this are very negative; at or above its negation, very positive. */
    public static final double VERY = 0.6;

    /** Scores strictly inside (-NEUTRAL_BAND, NEUTRAL_BAND) are neutral. */
    public static final double NEUTRAL_BAND = 0.1;

    private final Polarity polarity;

    SentimentLabel(Polarity polarity) {
        this.polarity = polarity;
    }

    /** The three-way class the evaluation set is labelled with. */
    public Polarity polarity() {
        return polarity;
    }

    /** The label of a score, for models that only produce a number. */
    public static SentimentLabel fromScore(double score) {
        if (score <= -VERY) {
            return VERY_NEGATIVE;
        }
        if (score <= -NEUTRAL_BAND) {
            return NEGATIVE;
        }
        if (score < NEUTRAL_BAND) {
            return NEUTRAL;
        }
        if (score < VERY) {
            return POSITIVE;
        }
        return VERY_POSITIVE;
    }

    /** Accepts {@code very_negative}, {@code VERY-NEGATIVE}, {@code Very negative}, ... */
    public static SentimentLabel parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return valueOf(name);
    }
}
