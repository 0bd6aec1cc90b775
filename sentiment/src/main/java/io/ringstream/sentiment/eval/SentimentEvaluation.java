package io.ringstream.sentiment.eval;

import io.ringstream.sentiment.Polarity;
import io.ringstream.sentiment.Sentiment;
import io.ringstream.sentiment.SentimentModel;
import io.ringstream.sentiment.language.Detection;
import io.ringstream.sentiment.language.LanguageDetector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs every model over the utterances of the languages it is assigned to and counts how its
 * polarity compares with the human labels; also measures the language detector against the labelled
 * languages. Pure computation: {@link EvaluationReport} prints it.
 */
public final class SentimentEvaluation {
    private final Map<String, List<SentimentModel>> modelsByLanguage;
    private final LanguageDetector detector;
    private final int keepMisses;

    /**
     * @param modelsByLanguage language → the models to evaluate on it
     * @param keepMisses how many misclassified examples to keep per model and language
     */
    public SentimentEvaluation(
            Map<String, List<SentimentModel>> modelsByLanguage,
            LanguageDetector detector,
            int keepMisses) {
        this.modelsByLanguage = new LinkedHashMap<>(modelsByLanguage);
        this.detector = detector;
        this.keepMisses = keepMisses;
    }

    /** What an evaluation found. */
    public record Result(
            List<String> sets,
            int utterances,
            List<ModelResult> models,
            Map<String, Long> unsupported,
            DetectionResult detection) {}

    /**
     * Labelled language × detected language ({@code und} when undetermined) counts.
     *
     * @param correct utterances whose detected language is the labelled one
     */
    public record DetectionResult(Map<String, Map<String, Long>> counts, long correct, long total) {
        public double accuracy() {
            return total == 0 ? Double.NaN : (double) correct / total;
        }
    }

    public Result run(List<EvaluationSet> sets) {
        List<LabelledUtterance> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (EvaluationSet set : sets) {
            all.addAll(set.utterances());
            names.add(set.name() + " (" + set.utterances().size() + ")");
        }
        Map<String, List<LabelledUtterance>> byLanguage = new TreeMap<>();
        for (LabelledUtterance u : all) {
            byLanguage.computeIfAbsent(u.language(), l -> new ArrayList<>()).add(u);
        }
        List<ModelResult> results = new ArrayList<>();
        Map<String, Long> unsupported = new TreeMap<>();
        for (Map.Entry<String, List<LabelledUtterance>> e : byLanguage.entrySet()) {
            List<SentimentModel> models = modelsByLanguage.getOrDefault(e.getKey(), List.of());
            if (models.isEmpty()) {
                unsupported.put(e.getKey(), (long) e.getValue().size());
            }
            for (SentimentModel model : models) {
                results.add(evaluate(model, e.getKey(), e.getValue()));
            }
        }
        return new Result(names, all.size(), results, unsupported, detect(all));
    }

    private ModelResult evaluate(
            SentimentModel model, String language, List<LabelledUtterance> utterances) {
        ConfusionMatrix matrix = new ConfusionMatrix();
        List<ModelResult.Miss> misses = new ArrayList<>();
        long failures = 0;
        long nanos = 0;
        for (LabelledUtterance u : utterances) {
            long start = System.nanoTime();
            Sentiment s;
            try {
                s = model.score(u.text());
            } catch (RuntimeException ex) {
                failures++;
                matrix.addUnscored();
                continue;
            } finally {
                nanos += System.nanoTime() - start;
            }
            Polarity predicted = s.polarity();
            matrix.add(u.label(), predicted);
            if (predicted != u.label() && misses.size() < keepMisses) {
                misses.add(new ModelResult.Miss(u.text(), u.label(), predicted, s.score()));
            }
        }
        double ms = utterances.isEmpty() ? 0 : nanos / 1e6 / utterances.size();
        return new ModelResult(model.name(), language, matrix, failures, misses, ms);
    }

    private DetectionResult detect(List<LabelledUtterance> all) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        long correct = 0;
        for (LabelledUtterance u : all) {
            Detection d = detector.detect(u.text());
            String detected = d.determined() ? d.language() : "und";
            counts.computeIfAbsent(u.language(), l -> new TreeMap<>())
                    .merge(detected, 1L, Long::sum);
            if (u.language().equals(d.language())) {
                correct++;
            }
        }
        return new DetectionResult(counts, correct, all.size());
    }

    /** All detected-language columns of a detection result, labelled languages first. */
    static List<String> detectionColumns(DetectionResult d) {
        TreeSet<String> cols = new TreeSet<>(d.counts().keySet());
        d.counts().values().forEach(m -> cols.addAll(m.keySet()));
        cols.remove("und");
        List<String> out = new ArrayList<>(cols);
        out.add("und");
        return out;
    }
}
