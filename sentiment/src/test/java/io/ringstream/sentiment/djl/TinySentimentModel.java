package io.ringstream.sentiment.djl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds, in a directory, the kind of model {@link DjlSentimentModel} loads: a word-level Hugging
 * Face tokenizer ({@code tokenizer.json}), an ONNX graph ({@code model.onnx}) and its settings. The
 * graph is a bag-of-words classifier: it looks up a three-logit vector per token (Gather), masks
 * padding with the attention mask (Cast, Unsqueeze, Mul) and sums over the tokens (ReduceSum), so
 * its output is predictable while still exercising tokenizer, named inputs and ONNX Runtime.
 */
public final class TinySentimentModel {
    /** Words and their (negative, neutral, positive) logit contributions. */
    static final Map<String, float[]> VOCABULARY = new LinkedHashMap<>();

    static {
        VOCABULARY.put("[UNK]", new float[] {0f, 0.2f, 0f});
        for (String w : List.of("great", "excellent", "thanks", "lovely", "perfect", "friendly")) {
            VOCABULARY.put(w, new float[] {0f, 0f, 3f});
        }
        for (String w : List.of("terrible", "awful", "rude", "refund", "never", "worst")) {
            VOCABULARY.put(w, new float[] {3f, 0f, 0f});
        }
        for (String w : List.of("the", "booking", "service", "room", "is", "was", "my")) {
            VOCABULARY.put(w, new float[] {0f, 1f, 0f});
        }
    }

    private TinySentimentModel() {}

    /** Writes the three files into {@code dir} (created if needed) and returns it. */
    public static Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson(), StandardCharsets.UTF_8);
        Files.write(dir.resolve("model.onnx"), onnxModel());
        Files.writeString(
                dir.resolve(DjlModelSettings.FILE),
                "labels=negative,neutral,positive\nmaxLength=64\nname=tiny-bow\n",
                StandardCharsets.UTF_8);
        return dir;
    }

    static String tokenizerJson() {
        StringBuilder vocab = new StringBuilder();
        int id = 0;
        for (String word : VOCABULARY.keySet()) {
            if (id > 0) {
                vocab.append(',');
            }
            vocab.append('"').append(word).append("\":").append(id++);
        }
        return """
                {"version":"1.0","truncation":null,"padding":null,
                 "added_tokens":[{"id":0,"content":"[UNK]","single_word":false,"lstrip":false,
                   "rstrip":false,"normalized":false,"special":true}],
                 "normalizer":{"type":"Lowercase"},
                 "pre_tokenizer":{"type":"Whitespace"},
                 "post_processor":null,"decoder":null,
                 "model":{"type":"WordLevel","vocab":{%s},"unk_token":"[UNK]"}}
                """
                .formatted(vocab);
    }

    static byte[] onnxModel() {
        int v = VOCABULARY.size();
        float[] weights = new float[v * 3];
        List<float[]> rows = new ArrayList<>(VOCABULARY.values());
        for (int i = 0; i < v; i++) {
            System.arraycopy(rows.get(i), 0, weights, i * 3, 3);
        }
        OnnxWriter graph =
                new OnnxWriter()
                        .message(
                                1,
                                OnnxWriter.node(
                                        "Gather",
                                        new String[] {"embedding", "input_ids"},
                                        new String[] {"per_token"},
                                        OnnxWriter.intAttribute("axis", 0)))
                        .message(
                                1,
                                OnnxWriter.node(
                                        "Cast",
                                        new String[] {"attention_mask"},
                                        new String[] {"mask_f"},
                                        OnnxWriter.intAttribute("to", OnnxWriter.FLOAT)))
                        .message(
                                1,
                                OnnxWriter.node(
                                        "Unsqueeze",
                                        new String[] {"mask_f", "axis_2"},
                                        new String[] {"mask_3d"}))
                        .message(
                                1,
                                OnnxWriter.node(
                                        "Mul",
                                        new String[] {"per_token", "mask_3d"},
                                        new String[] {"masked"}))
                        .message(
                                1,
                                OnnxWriter.node(
                                        "ReduceSum",
                                        new String[] {"masked", "axis_1"},
                                        new String[] {"logits"},
                                        OnnxWriter.intAttribute("keepdims", 0)))
                        .string(2, "tiny_bag_of_words_sentiment")
                        .message(5, OnnxWriter.floatTensor("embedding", new long[] {v, 3}, weights))
                        .message(5, OnnxWriter.longTensor("axis_1", new long[] {1}, new long[] {1}))
                        .message(5, OnnxWriter.longTensor("axis_2", new long[] {1}, new long[] {2}))
                        .message(
                                11,
                                OnnxWriter.valueInfo(
                                        "input_ids", OnnxWriter.INT64, "batch", "tokens"))
                        .message(
                                11,
                                OnnxWriter.valueInfo(
                                        "attention_mask", OnnxWriter.INT64, "batch", "tokens"))
                        .message(12, OnnxWriter.valueInfo("logits", OnnxWriter.FLOAT, "batch", 3L));
        OnnxWriter opset = new OnnxWriter().string(1, "").varint(2, 13);
        return new OnnxWriter()
                .varint(1, 8)
                .string(2, "ringstream-tests")
                .message(8, opset)
                .message(7, graph)
                .toBytes();
    }
}
