package io.ringstream.sentiment.job.operators;

import io.ringstream.sentiment.SentimentScorer;
import io.ringstream.sentiment.SharedModels;
import java.io.Serializable;
import java.util.Map;

/**
 * How a scoring operator instance obtains its scorer when it opens. Shipped with the job graph, so
 * Serializable; production uses {@link #shared}, whose models are loaded once per task manager.
 */
@FunctionalInterface
public interface ScorerFactory extends Serializable {
    SentimentScorer create();

    /** The JVM-wide shared models of an assignment (language → model spec). */
    static ScorerFactory shared(Map<String, String> assignment, int maxChars) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(assignment);
        return () -> SharedModels.scorer(copy, maxChars);
    }
}
