package io.ringstream.sentiment;

/**
 * The outcome of scoring one utterance: its language and where that came from, and either the
 * sentiment with the model that produced it or the reason there is none. Unscored utterances are
 * kept, never guessed: the reason says why.
 *
 * @param language ISO 639-1 code, or null when undetermined
 * @param model the model's name, or null when unscored
 * @param sentiment the sentiment, or null when unscored
 * @param unscoredReason why there is no sentiment, or null when scored
 */
public record UtteranceScore(
        String language,
        LanguageSource languageSource,
        String model,
        Sentiment sentiment,
        String unscoredReason) {

    public UtteranceScore {
        if ((sentiment == null) == (unscoredReason == null)) {
            throw new IllegalArgumentException("exactly one of sentiment and unscoredReason");
        }
        if (sentiment != null && model == null) {
            throw new IllegalArgumentException("a sentiment needs the model that produced it");
        }
    }

    public static UtteranceScore scored(
            String language, LanguageSource source, String model, Sentiment sentiment) {
        return new UtteranceScore(language, source, model, sentiment, null);
    }

    public static UtteranceScore unscored(String language, LanguageSource source, String reason) {
        return new UtteranceScore(language, source, null, null, reason);
    }

    public boolean isScored() {
        return sentiment != null;
    }
}
