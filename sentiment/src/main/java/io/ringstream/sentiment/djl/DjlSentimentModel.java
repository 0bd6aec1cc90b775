package io.ringstream.sentiment.djl;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.ringstream.sentiment.Sentiment;
import io.ringstream.sentiment.SentimentModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Runs a sentiment classifier exported to ONNX (a fine-tuned DistilBERT, or anything with the same
 * inputs and a logits output) through DJL's ONNX Runtime engine, with its Hugging Face tokenizer,
 * entirely from a local directory: production networks reach no model hub, so nothing may ever be
 * downloaded.
 *
 * <p>The directory holds {@code model.onnx}, {@code tokenizer.json} and {@link DjlModelSettings}.
 * The graph's inputs are fed by name: {@code input_ids} (required), {@code attention_mask} and
 * {@code token_type_ids} when the graph declares them; int64 tensors of shape [1, tokens]. The
 * output {@code logits} (or the first output) has one value per label. Softmax gives the
 * distribution; the label is the most probable, the confidence its probability, the score the
 * expected value with the labels spread over [-1, 1].
 *
 * <p>Thread-safe: DJL predictors are not, so each concurrent caller borrows its own from a pool.
 */
public final class DjlSentimentModel implements SentimentModel, AutoCloseable {
    private final DjlModelSettings settings;
    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    private final List<String> inputNames;
    private final ConcurrentLinkedQueue<Predictor<String, float[]>> predictors =
            new ConcurrentLinkedQueue<>();

    private DjlSentimentModel(
            DjlModelSettings settings, Model model, HuggingFaceTokenizer tokenizer) {
        this.settings = settings;
        this.model = model;
        this.tokenizer = tokenizer;
        this.inputNames = new ArrayList<>(model.describeInput().keys());
        if (!inputNames.contains("input_ids")) {
            throw new IllegalArgumentException(
                    "the ONNX model must take input_ids but takes " + inputNames);
        }
        for (String name : inputNames) {
            if (!List.of("input_ids", "attention_mask", "token_type_ids").contains(name)) {
                throw new IllegalArgumentException("unsupported ONNX model input " + name);
            }
        }
    }

    /**
     * Loads the model and tokenizer of {@code dir}, offline.
     *
     * @throws IOException if a file is missing or unreadable
     * @throws IllegalArgumentException if the model or its settings are not usable
     */
    public static DjlSentimentModel load(Path dir) throws IOException {
        DjlOffline.enforce();
        DjlModelSettings settings = DjlModelSettings.read(dir);
        HuggingFaceTokenizer tokenizer =
                HuggingFaceTokenizer.builder()
                        .optTokenizerPath(dir.resolve(DjlModelSettings.TOKENIZER_FILE))
                        .optTruncation(true)
                        .optPadding(false)
                        .optMaxLength(settings.maxLength())
                        .build();
        Model model = Model.newInstance(settings.name(), "OnnxRuntime");
        try {
            model.load(dir, "model");
        } catch (MalformedModelException e) {
            model.close();
            tokenizer.close();
            throw new IllegalArgumentException("cannot load " + dir + ": " + e.getMessage(), e);
        }
        return new DjlSentimentModel(settings, model, tokenizer);
    }

    @Override
    public String name() {
        return settings.name();
    }

    public DjlModelSettings settings() {
        return settings;
    }

    @Override
    public Sentiment score(String text) {
        float[] logits;
        Predictor<String, float[]> predictor = borrow();
        try {
            logits = predictor.predict(text);
        } catch (TranslateException e) {
            throw new IllegalStateException("DJL model " + name() + " failed: " + e, e);
        } finally {
            predictors.add(predictor);
        }
        int n = settings.labels().size();
        if (logits.length != n) {
            throw new IllegalStateException(
                    "model gives " + logits.length + " logits but " + n + " labels are declared");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        int best = 0;
        double score = 0;
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
            score += p[i] * settings.valueOf(i);
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return new Sentiment(
                Math.max(-1, Math.min(1, score)),
                settings.labels().get(best),
                Math.min(1.0, p[best]));
    }

    private Predictor<String, float[]> borrow() {
        Predictor<String, float[]> p = predictors.poll();
        return p != null ? p : model.newPredictor(new LogitsTranslator());
    }

    @Override
    public void close() {
        Predictor<String, float[]> p;
        while ((p = predictors.poll()) != null) {
            p.close();
        }
        model.close();
        tokenizer.close();
    }

    /** Tokenizes one text into the graph's named inputs and reads back its logits. */
    private final class LogitsTranslator implements Translator<String, float[]> {
        /** The inputs already carry the batch dimension of 1 the graph expects. */
        @Override
        public ai.djl.translate.Batchifier getBatchifier() {
            return null;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, String input) {
            Encoding encoding = tokenizer.encode(input);
            NDManager manager = ctx.getNDManager();
            NDList list = new NDList();
            for (String name : inputNames) {
                long[] values =
                        switch (name) {
                            case "input_ids" -> encoding.getIds();
                            case "attention_mask" -> encoding.getAttentionMask();
                            default -> new long[encoding.getIds().length];
                        };
                NDArray array = manager.create(values, new Shape(1, values.length));
                array.setName(name);
                list.add(array);
            }
            return list;
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            NDArray logits = list.get("logits");
            return (logits != null ? logits : list.get(0)).toFloatArray();
        }
    }

    /** Loading failures surface as unchecked exceptions where a checked one cannot be thrown. */
    public static DjlSentimentModel loadUnchecked(Path dir) {
        try {
            return load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
