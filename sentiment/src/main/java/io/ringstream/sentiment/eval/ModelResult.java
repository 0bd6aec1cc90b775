package io.ringstream.sentiment.eval;

import io.ringstream.sentiment.Polarity;
import java.util.List;

/**
 * How one model did on one language of an evaluation.
 *
 * @param failures utterances the model threw on (counted as unscored in the matrix)
 * @param misclassified examples of wrong predictions, for error analysis
 * @param millisPerUtterance mean wall-clock scoring time, single thread
 */
public record ModelResult(
        String model,
        String language,
        ConfusionMatrix matrix,
        long failures,
        List<Miss> misclassified,
        double millisPerUtterance) {

    /** A wrong prediction: the text, its label and what the model said. */
    public record Miss(String text, Polarity labelled, Polarity predicted, double score) {}
}
