package io.ringstream.sentiment;

import io.ringstream.sentiment.language.Detection;
import io.ringstream.sentiment.language.LanguageDetector;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Scores an utterance with the model for its language: the language the producer gave, otherwise
 * the detected one. A language without a model, or one that cannot be determined, leaves the
 * utterance unscored with the reason; a failing model too. Never throws for bad text, so one odd
 * message cannot stop a conversation's scoring.
 */
public final class SentimentScorer {
    /** Longer texts are cut to this many characters before scoring (CoreNLP's parse is cubic). */
    public static final int DEFAULT_MAX_CHARS = 1_000;

    private final Map<String, SentimentModel> models;
    private final LanguageDetector detector;
    private final int maxChars;

    /**
     * @param models language (ISO 639-1) → model
     */
    public SentimentScorer(
            Map<String, SentimentModel> models, LanguageDetector detector, int maxChars) {
        this.models = Map.copyOf(new LinkedHashMap<>(models));
        this.detector = detector;
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive");
        }
        this.maxChars = maxChars;
    }

    public SentimentScorer(Map<String, SentimentModel> models) {
        this(models, LanguageDetector.shared(), DEFAULT_MAX_CHARS);
    }

    /** Language → model name. */
    public Map<String, String> modelNames() {
        Map<String, String> names = new LinkedHashMap<>();
        models.forEach((lang, model) -> names.put(lang, model.name()));
        return names;
    }

    /**
     * @param givenLanguage the producer's language code (e.g. {@code es}, {@code es-MX}), or null
     */
    public UtteranceScore score(String text, String givenLanguage) {
        String language = normalizeLanguage(givenLanguage);
        LanguageSource source = LanguageSource.GIVEN;
        if (language == null) {
            Detection detection = detector.detect(text == null ? "" : text);
            language = detection.language();
            source = detection.determined() ? LanguageSource.DETECTED : LanguageSource.UNDETERMINED;
        }
        if (text == null || text.isBlank()) {
            return UtteranceScore.unscored(language, source, "empty text");
        }
        if (language == null) {
            return UtteranceScore.unscored(null, source, "language not determined");
        }
        SentimentModel model = models.get(language);
        if (model == null) {
            return UtteranceScore.unscored(
                    language, source, "no sentiment model for language '" + language + "'");
        }
        String input = text.length() > maxChars ? text.substring(0, maxChars) : text;
        try {
            return UtteranceScore.scored(language, source, model.name(), model.score(input));
        } catch (RuntimeException | StackOverflowError e) {
            return UtteranceScore.unscored(
                    language, source, "model " + model.name() + " failed: " + e);
        }
    }

    /** {@code ES-mx} → {@code es}; blank → null. */
    public static String normalizeLanguage(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String primary = code.trim().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return switch (primary) {
            case "eng" -> "en";
            case "spa" -> "es";
            default -> primary;
        };
    }
}
