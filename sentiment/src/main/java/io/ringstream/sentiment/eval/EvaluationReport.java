package io.ringstream.sentiment.eval;

import io.ringstream.sentiment.Polarity;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints an evaluation as plain-text tables, the form docs/sentiment.md quotes. */
public final class EvaluationReport {
    private EvaluationReport() {}

    public static void print(SentimentEvaluation.Result result, PrintStream out) {
        out.println("Sentiment evaluation: " + String.join(", ", result.sets()));
        out.println(
                "Labels: negative / neutral / positive. Models' five-way labels are folded"
                        + " into these three.");
        for (ModelResult r : result.models()) {
            printModel(r, out);
        }
        result.unsupported()
                .forEach(
                        (lang, n) ->
                                out.printf(
                                        Locale.ROOT,
                                        "%n== %s: no model; %d utterances unscored ==%n",
                                        lang,
                                        n));
        printDetection(result.detection(), out);
        out.flush();
    }

    private static void printModel(ModelResult r, PrintStream out) {
        ConfusionMatrix m = r.matrix();
        out.printf(
                Locale.ROOT,
                "%n== model %s, language %s: %d utterances, %d scored ==%n",
                r.model(),
                r.language(),
                m.total() + m.unscored(),
                m.total());
        out.printf(
                Locale.ROOT,
                "accuracy %.3f   macro-F1 %.3f   failed %d   %.2f ms/utterance%n",
                m.accuracy(),
                m.macroF1(),
                r.failures(),
                r.millisPerUtterance());
        out.println("confusion matrix (rows: labelled, columns: predicted)");
        out.printf(Locale.ROOT, "  %-10s %9s %9s %9s%n", "", "negative", "neutral", "positive");
        for (Polarity labelled : Polarity.values()) {
            out.printf(
                    Locale.ROOT,
                    "  %-10s %9d %9d %9d%n",
                    labelled.lowerCase(),
                    m.count(labelled, Polarity.NEGATIVE),
                    m.count(labelled, Polarity.NEUTRAL),
                    m.count(labelled, Polarity.POSITIVE));
        }
        out.printf(Locale.ROOT, "  %-10s %9s %9s %9s%n", "", "precision", "recall", "F1");
        for (Polarity p : Polarity.values()) {
            out.printf(
                    Locale.ROOT,
                    "  %-10s %9.3f %9.3f %9.3f%n",
                    p.lowerCase(),
                    m.precision(p),
                    m.recall(p),
                    m.f1(p));
        }
        if (!r.misclassified().isEmpty()) {
            out.println("misclassified examples (labelled -> predicted, score):");
            for (ModelResult.Miss miss : r.misclassified()) {
                out.printf(
                        Locale.ROOT,
                        "  %s -> %s (%+.2f)  %s%n",
                        miss.labelled().lowerCase(),
                        miss.predicted().lowerCase(),
                        miss.score(),
                        miss.text());
            }
        }
    }

    private static void printDetection(SentimentEvaluation.DetectionResult d, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%n== language detection: %d utterances, accuracy %.3f ==%n",
                d.total(),
                d.accuracy());
        List<String> cols = SentimentEvaluation.detectionColumns(d);
        out.printf(Locale.ROOT, "  %-10s", "labelled");
        for (String c : cols) {
            out.printf(Locale.ROOT, " %6s", c);
        }
        out.println();
        for (Map.Entry<String, Map<String, Long>> row : d.counts().entrySet()) {
            out.printf(Locale.ROOT, "  %-10s", row.getKey());
            for (String c : cols) {
                out.printf(Locale.ROOT, " %6d", row.getValue().getOrDefault(c, 0L));
            }
            out.println();
        }
        out.println("  (und: undetermined; such utterances are stored unscored by the job)");
    }
}
