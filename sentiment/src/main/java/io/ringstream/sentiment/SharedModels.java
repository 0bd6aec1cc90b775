package io.ringstream.sentiment;

import io.ringstream.sentiment.corenlp.CoreNlpSentimentModel;
import io.ringstream.sentiment.djl.DjlSentimentModel;
import io.ringstream.sentiment.language.LanguageDetector;
import io.ringstream.sentiment.lexicon.LexiconSentimentModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sentiment models of this JVM (in Flink: of this task manager's job class loader), each loaded
 * once, on first use, and shared by every operator instance and thread. Models take seconds and
 * hundreds of MB to load; loading per record or per operator instance would be ruinous.
 *
 * <p>Models are named by a spec:
 *
 * <ul>
 *   <li>{@code corenlp}: Stanford CoreNLP, English;
 *   <li>{@code lexicon-es}, {@code lexicon-en}: the team's lexicon-and-rules models;
 *   <li>{@code djl:/path/to/dir}: an ONNX classifier and its tokenizer ({@link DjlSentimentModel}).
 * </ul>
 */
public final class SharedModels {
    private static final ConcurrentHashMap<String, SentimentModel> MODELS =
            new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, AtomicInteger> LOADS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, AtomicInteger> REQUESTS =
            new ConcurrentHashMap<>();

    private SharedModels() {}

    /**
     * The model of a spec, loading it if this JVM has not yet.
     *
     * @throws IllegalArgumentException for an unknown spec or a model that cannot be loaded
     */
    public static SentimentModel get(String spec) {
        String key = spec.trim();
        REQUESTS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        return MODELS.computeIfAbsent(
                key,
                k -> {
                    SentimentModel model = load(k);
                    LOADS.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
                    return model;
                });
    }

    /** A scorer over the shared models of an assignment (language → spec). */
    public static SentimentScorer scorer(Map<String, String> assignment) {
        return scorer(assignment, SentimentScorer.DEFAULT_MAX_CHARS);
    }

    /** A scorer over the shared models of an assignment that cuts texts to {@code maxChars}. */
    public static SentimentScorer scorer(Map<String, String> assignment, int maxChars) {
        Map<String, SentimentModel> models = new LinkedHashMap<>();
        assignment.forEach((language, spec) -> models.put(language, get(spec)));
        return new SentimentScorer(models, LanguageDetector.shared(), maxChars);
    }

    /** How many times this JVM loaded the model of a spec: 0 or 1. */
    public static int loadCount(String spec) {
        AtomicInteger n = LOADS.get(spec.trim());
        return n == null ? 0 : n.get();
    }

    /** How many times anyone asked for the model of a spec (operator instances, tools). */
    public static int requestCount(String spec) {
        AtomicInteger n = REQUESTS.get(spec.trim());
        return n == null ? 0 : n.get();
    }

    /**
     * Whether a spec names a model this module can load (its files are only checked when loaded, on
     * the task managers).
     */
    public static boolean isKnownSpec(String spec) {
        String s = spec.trim();
        return s.equals(CoreNlpSentimentModel.NAME)
                || (s.startsWith("lexicon-") && BUILT_IN_LEXICONS.contains(s.substring(8)))
                || (s.startsWith("djl:") && s.length() > 4);
    }

    /** Languages with a lexicon in this module. */
    public static final java.util.Set<String> BUILT_IN_LEXICONS = java.util.Set.of("en", "es");

    static SentimentModel load(String spec) {
        if (spec.equals(CoreNlpSentimentModel.NAME)) {
            return CoreNlpSentimentModel.shared();
        }
        if (spec.startsWith("lexicon-")) {
            return LexiconSentimentModel.builtIn(spec.substring("lexicon-".length()));
        }
        if (spec.startsWith("djl:")) {
            return DjlSentimentModel.loadUnchecked(Path.of(spec.substring("djl:".length())));
        }
        throw new IllegalArgumentException(
                "unknown sentiment model '"
                        + spec
                        + "': use corenlp, lexicon-es, lexicon-en or"
                        + " djl:/model/dir");
    }
}
