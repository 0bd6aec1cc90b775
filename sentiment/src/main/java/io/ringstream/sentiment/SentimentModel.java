package io.ringstream.sentiment;

/**
 * What every sentiment model offers the job and the evaluation harness, so English, Spanish and any
 * DJL model can be swapped per language without touching either.
 *
 * <p>Implementations must be safe to call from several threads at once: the job scores
 * conversations in parallel on one shared instance per JVM.
 */
public interface SentimentModel {

    /** A short stable name recorded with every score, e.g. {@code corenlp}, {@code lexicon-es}. */
    String name();

    /**
     * Scores one utterance.
     *
     * @param text the utterance, not null; may be empty (scored neutral)
     * @throws RuntimeException if the model fails on this input; callers mark it unscored
     */
    Sentiment score(String text);
}
