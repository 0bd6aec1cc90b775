package io.ringstream.sentiment.corenlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.neural.rnn.RNNCoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sentiment.SentimentCoreAnnotations;
import edu.stanford.nlp.trees.Tree;
import edu.stanford.nlp.util.CoreMap;
import io.ringstream.sentiment.Sentiment;
import io.ringstream.sentiment.SentimentLabel;
import io.ringstream.sentiment.SentimentModel;
import java.util.List;
import org.ejml.simple.SimpleMatrix;

/**
 * English sentiment from Stanford CoreNLP's recursive neural tensor network over a constituency
 * parse: the reference model for English, about 60 sentences per second per core.
 *
 * <p>CoreNLP gives each sentence a probability for each of five classes. An utterance's
 * distribution is the average over its sentences, weighted by their token counts. Its label is the
 * most probable class, its confidence that class's probability, and its score the expected value
 * with the classes placed at -1, -0.5, 0, 0.5, 1.
 */
public final class CoreNlpSentimentModel implements SentimentModel {
    public static final String NAME = "corenlp";

    private static final SentimentLabel[] CLASSES = SentimentLabel.values();
    private static final double[] CLASS_VALUES = {-1.0, -0.5, 0.0, 0.5, 1.0};

    private final StanfordCoreNLP pipeline;

    private CoreNlpSentimentModel(StanfordCoreNLP pipeline) {
        this.pipeline = pipeline;
    }

    /** The model on this JVM's shared pipeline ({@link CoreNlpPipeline#shared()}). */
    public static CoreNlpSentimentModel shared() {
        return new CoreNlpSentimentModel(CoreNlpPipeline.shared());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Sentiment score(String text) {
        if (text.isBlank()) {
            return new Sentiment(0.0, SentimentLabel.NEUTRAL, 0.0);
        }
        Annotation document = new Annotation(text);
        pipeline.annotate(document);
        double[] distribution = new double[CLASSES.length];
        double weight = 0;
        List<CoreMap> sentences = document.get(CoreAnnotations.SentencesAnnotation.class);
        for (CoreMap sentence : sentences == null ? List.<CoreMap>of() : sentences) {
            Tree tree = sentence.get(SentimentCoreAnnotations.SentimentAnnotatedTree.class);
            SimpleMatrix predictions =
                    tree == null ? null : RNNCoreAnnotations.getPredictions(tree);
            if (predictions == null) {
                continue; // e.g. a sentence longer than the parser's limit
            }
            int tokens = sentence.get(CoreAnnotations.TokensAnnotation.class).size();
            for (int c = 0; c < CLASSES.length; c++) {
                distribution[c] += tokens * predictions.get(c);
            }
            weight += tokens;
        }
        if (weight == 0) {
            return new Sentiment(0.0, SentimentLabel.NEUTRAL, 0.0);
        }
        int best = 0;
        double score = 0;
        for (int c = 0; c < CLASSES.length; c++) {
            distribution[c] /= weight;
            score += distribution[c] * CLASS_VALUES[c];
            if (distribution[c] > distribution[best]) {
                best = c;
            }
        }
        return new Sentiment(clamp(score), CLASSES[best], clamp01(distribution[best]));
    }

    private static double clamp(double v) {
        return Math.max(-1.0, Math.min(1.0, v));
    }

    private static double clamp01(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }
}
