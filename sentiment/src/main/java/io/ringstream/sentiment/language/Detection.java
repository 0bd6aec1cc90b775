package io.ringstream.sentiment.language;

/**
 * What the detector concluded about one text.
 *
 * @param language ISO 639-1 code, or null when the text gives too little evidence to decide
 * @param confidence share of the evidence that points to {@code language} (0 when undetermined)
 */
public record Detection(String language, double confidence) {

    public static Detection undetermined() {
        return new Detection(null, 0.0);
    }

    public boolean determined() {
        return language != null;
    }
}
