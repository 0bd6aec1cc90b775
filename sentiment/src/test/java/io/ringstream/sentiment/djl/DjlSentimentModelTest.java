package io.ringstream.sentiment.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.sentiment.Polarity;
import io.ringstream.sentiment.Sentiment;
import io.ringstream.sentiment.SentimentLabel;
import io.ringstream.sentiment.SharedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DJL model's real loading path (tokenizer.json + model.onnx from a directory, ONNX Runtime,
 * offline) on a model this test builds itself, since no model hub is reachable.
 */
class DjlSentimentModelTest {

    @Test
    void scoresWithTheTokenizerAndOnnxGraphItLoadsFromADirectory(@TempDir Path dir)
            throws Exception {
        TinySentimentModel.writeTo(dir);
        try (DjlSentimentModel model = DjlSentimentModel.load(dir)) {
            assertThat(model.name()).isEqualTo("djl:tiny-bow");

            Sentiment positive = model.score("Great and friendly service, thanks");
            assertThat(positive.label()).isEqualTo(SentimentLabel.POSITIVE);
            assertThat(positive.score()).isGreaterThan(0.9);
            assertThat(positive.confidence()).isGreaterThan(0.9);

            Sentiment negative = model.score("The WORST service, rude and awful");
            assertThat(negative.polarity()).isEqualTo(Polarity.NEGATIVE);
            assertThat(negative.score()).isLessThan(-0.9);

            Sentiment neutral = model.score("my booking");
            assertThat(neutral.label()).isEqualTo(SentimentLabel.NEUTRAL);
            assertThat(neutral.score()).isBetween(-0.2, 0.2);
        }
    }

    @Test
    void softmaxOfTheLogitsGivesConfidenceAndExpectedScore(@TempDir Path dir) throws Exception {
        TinySentimentModel.writeTo(dir);
        try (DjlSentimentModel model = DjlSentimentModel.load(dir)) {
            // "great booking": logits (0, 1, 3) -> softmax (0.042, 0.114, 0.844).
            Sentiment s = model.score("great booking");
            double e0 = 1;
            double e1 = Math.exp(1);
            double e3 = Math.exp(3);
            double sum = e0 + e1 + e3;
            assertThat(s.confidence())
                    .isCloseTo(e3 / sum, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(s.score())
                    .isCloseTo((e3 - e0) / sum, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void predictorsArePooledSoConcurrentCallersDoNotInterfere(@TempDir Path dir) throws Exception {
        TinySentimentModel.writeTo(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (DjlSentimentModel model = DjlSentimentModel.load(dir)) {
            List<Future<Sentiment>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String text = i % 2 == 0 ? "perfect lovely room" : "terrible room never again";
                results.add(pool.submit(() -> model.score(text)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get().polarity())
                        .isEqualTo(i % 2 == 0 ? Polarity.POSITIVE : Polarity.NEGATIVE);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSharedDjlModelIsLoadedOncePerJvm(@TempDir Path dir) throws Exception {
        TinySentimentModel.writeTo(dir);
        String spec = "djl:" + dir;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> loads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                loads.add(pool.submit(() -> SharedModels.get(spec).score("great")));
            }
            for (Future<?> f : loads) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(SharedModels.requestCount(spec)).isEqualTo(8);
        assertThat(SharedModels.loadCount(spec)).isEqualTo(1);
    }

    @Test
    void aDirectoryWithoutItsFilesIsRejectedWithTheMissingFile(@TempDir Path dir)
            throws IOException {
        TinySentimentModel.writeTo(dir);
        Files.delete(dir.resolve("tokenizer.json"));
        assertThatThrownBy(() -> DjlSentimentModel.load(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("tokenizer.json");
    }

    @Test
    void settingsMustOrderLabelsFromNegativeToPositive(@TempDir Path dir) throws IOException {
        TinySentimentModel.writeTo(dir);
        Files.writeString(dir.resolve(DjlModelSettings.FILE), "labels=positive,negative\n");
        assertThatThrownBy(() -> DjlModelSettings.read(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("most negative to most positive");
    }

    @Test
    void djlRunsOffline(@TempDir Path dir) throws Exception {
        TinySentimentModel.writeTo(dir);
        try (DjlSentimentModel model = DjlSentimentModel.load(dir)) {
            model.score("thanks");
        }
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }
}
