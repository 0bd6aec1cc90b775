package io.ringstream.sentiment.eval;

import io.ringstream.sentiment.SentimentModel;
import io.ringstream.sentiment.SentimentScorer;
import io.ringstream.sentiment.SharedModels;
import io.ringstream.sentiment.language.LanguageDetector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./ringstream sentiment-eval}: accuracy, macro-F1 and a confusion matrix per model and per
 * language, on the team's sets or on any labelled TSV. Lives here rather than in the launcher so it
 * can be run and tested wherever the models are.
 *
 * <pre>
 * sentiment-eval [--file F.tsv]... [--models en=corenlp+lexicon-en,es=lexicon-es]
 *                [--djl-model DIR [--djl-language en]] [--split dev|test] [--show-errors N]
 * </pre>
 */
public final class SentimentEvalCli {
    /** Every model the team can build for each language, evaluated by default. */
    public static final String DEFAULT_MODELS = "en=corenlp+lexicon-en,es=lexicon-es";

    private SentimentEvalCli() {}

    /**
     * @return the process exit code
     * @throws IllegalArgumentException for bad arguments or a malformed file (message for users)
     */
    public static int run(String[] args, PrintStream out) throws IOException {
        List<Path> files = new ArrayList<>();
        String models = DEFAULT_MODELS;
        String djlModel = null;
        String djlLanguage = "en";
        int showErrors = 0;
        String split = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--file" -> files.add(Path.of(value(args, ++i, arg)));
                case "--models" -> models = value(args, ++i, arg);
                case "--djl-model" -> djlModel = value(args, ++i, arg);
                case "--djl-language" -> djlLanguage = value(args, ++i, arg);
                case "--show-errors" -> showErrors = Integer.parseInt(value(args, ++i, arg));
                case "--split" -> split = value(args, ++i, arg);
                case "-h", "--help" -> {
                    out.println(
                            "usage: sentiment-eval [--file F.tsv]... [--models "
                                    + DEFAULT_MODELS
                                    + "] [--djl-model DIR [--djl-language en]]"
                                    + " [--split dev|test] [--show-errors N]");
                    return 0;
                }
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        List<EvaluationSet> sets = new ArrayList<>();
        if (files.isEmpty()) {
            sets.addAll(EvaluationSet.builtIn());
        } else {
            for (Path f : files) {
                sets.add(EvaluationSet.read(f));
            }
        }
        if (split != null) {
            String only = split;
            sets.replaceAll(set -> set.split(only));
        }
        Map<String, List<SentimentModel>> byLanguage = parseModels(models);
        if (djlModel != null) {
            String lang = SentimentScorer.normalizeLanguage(djlLanguage);
            byLanguage
                    .computeIfAbsent(lang, l -> new ArrayList<>())
                    .add(SharedModels.get("djl:" + Path.of(djlModel).toAbsolutePath()));
        }
        SentimentEvaluation.Result result =
                new SentimentEvaluation(byLanguage, LanguageDetector.shared(), showErrors)
                        .run(sets);
        EvaluationReport.print(result, out);
        return 0;
    }

    /** {@code en=corenlp+lexicon-en,es=lexicon-es} → language → models, loaded (shared). */
    static Map<String, List<SentimentModel>> parseModels(String text) {
        Map<String, List<SentimentModel>> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "--models expects language=model+model,... but got '" + part + "'");
            }
            String lang = SentimentScorer.normalizeLanguage(part.substring(0, eq));
            List<SentimentModel> models = new ArrayList<>();
            for (String spec : part.substring(eq + 1).split("\\+")) {
                if (!spec.isBlank()) {
                    models.add(SharedModels.get(spec.trim()));
                }
            }
            out.put(lang, models);
        }
        return out;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
