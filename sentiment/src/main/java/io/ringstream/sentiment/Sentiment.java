package io.ringstream.sentiment;

/**
 * One model's judgement of one utterance, in the shape every model can produce, so rolling scores
 * and alerts never depend on which model spoke.
 *
 * @param score from -1 (very negative) to 1 (very positive)
 * @param label the model's class; for models that only produce a number, derived from the score
 * @param confidence from 0 to 1: the model's probability of its label, or a heuristic for
 *     rule-based models (see each model)
 */
public record Sentiment(double score, SentimentLabel label, double confidence) {

    public Sentiment {
        if (!(score >= -1.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [-1, 1] but was " + score);
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException(
                    "confidence must be in [0, 1] but was " + confidence);
        }
        if (label == null) {
            throw new IllegalArgumentException("label is required");
        }
    }

    /** A sentiment whose label follows from its score ({@link SentimentLabel#fromScore}). */
    public static Sentiment fromScore(double score, double confidence) {
        double clamped = Math.max(-1.0, Math.min(1.0, score));
        return new Sentiment(clamped, SentimentLabel.fromScore(clamped), confidence);
    }

    public Polarity polarity() {
        return label.polarity();
    }
}
