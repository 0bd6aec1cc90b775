package io.ringstream.sentiment.djl;

import io.ringstream.sentiment.SentimentLabel;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What a DJL sentiment model directory declares about its model beyond the ONNX graph: the meaning
 * of each output logit, how long inputs may be, and its name. Read from {@value #FILE}, so a
 * fine-tuned classifier exported elsewhere can be dropped in without code changes.
 *
 * <pre>
 * labels=negative,neutral,positive   # one per output logit, in order (2 to 5 labels)
 * maxLength=128                      # tokens; longer inputs are truncated
 * name=distilbert-cs                 # recorded with each score (default: the directory name)
 * </pre>
 *
 * @param labels the label of each logit, from most negative to most positive
 */
public record DjlModelSettings(String name, List<SentimentLabel> labels, int maxLength) {
    public static final String FILE = "sentiment-model.properties";
    public static final String MODEL_FILE = "model.onnx";
    public static final String TOKENIZER_FILE = "tokenizer.json";

    public DjlModelSettings {
        labels = List.copyOf(labels);
        if (labels.size() < 2 || labels.size() > 5) {
            throw new IllegalArgumentException("need 2 to 5 labels but got " + labels);
        }
        for (int i = 1; i < labels.size(); i++) {
            if (labels.get(i).ordinal() <= labels.get(i - 1).ordinal()) {
                throw new IllegalArgumentException(
                        "labels must go from most negative to most positive: " + labels);
            }
        }
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be at least 2");
        }
    }

    /**
     * @throws IOException if the directory lacks the model, the tokenizer or the settings file
     * @throws IllegalArgumentException if the settings are malformed
     */
    public static DjlModelSettings read(Path dir) throws IOException {
        for (String file : List.of(FILE, MODEL_FILE, TOKENIZER_FILE)) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new IOException("DJL sentiment model directory " + dir + " lacks " + file);
            }
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        List<SentimentLabel> labels = new ArrayList<>();
        for (String label : p.getProperty("labels", "negative,positive").split(",")) {
            labels.add(SentimentLabel.parse(label));
        }
        int maxLength = Integer.parseInt(p.getProperty("maxLength", "128").trim());
        String name = p.getProperty("name", dir.getFileName().toString()).trim();
        return new DjlModelSettings("djl:" + name, labels, maxLength);
    }

    /** The score each label stands for: spread evenly over [-1, 1] in label order. */
    double valueOf(int labelIndex) {
        return -1.0 + 2.0 * labelIndex / (labels.size() - 1);
    }
}
