package io.ringstream.sentiment.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.sentiment.djl.TinySentimentModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation command on a user's own file, with the fast models (the launcher's test runs the
 * default command with CoreNLP).
 */
class SentimentEvalCliTest {

    private static String run(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            assertThat(SentimentEvalCli.run(args, out)).isZero();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsAccuracyMacroF1AndTheConfusionMatrixPerModelAndLanguage(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("mine.tsv");
        Files.writeString(
                file,
                "text\tlabel\tlanguage\n"
                        + "Esto es un desastre\tnegative\tes\n"
                        + "Muchas gracias, genial\tpositive\tes\n"
                        + "¿A qué hora abren?\tneutral\tes\n"
                        + "Pagamos una visita guiada y nos dieron un folleto\tnegative\tes\n"
                        + "Je suis très content\tpositive\tfr\n",
                StandardCharsets.UTF_8);

        String out =
                run("--file", file.toString(), "--models", "es=lexicon-es", "--show-errors", "5");

        assertThat(out).contains("== model lexicon-es, language es: 4 utterances, 4 scored ==");
        // The leaflet complaint names no feeling: the lexicon calls it neutral.
        assertThat(out).contains("accuracy 0.750");
        assertThat(out).containsPattern("negative\\s+1\\s+1\\s+0");
        assertThat(out).containsPattern("neutral\\s+0\\s+1\\s+0");
        assertThat(out).containsPattern("positive\\s+0\\s+0\\s+1");
        assertThat(out).contains("negative -> neutral (+0.00)  Pagamos una visita guiada");
        assertThat(out).contains("== fr: no model; 1 utterances unscored ==");
        assertThat(out).contains("== language detection: 5 utterances");
    }

    @Test
    void evaluatesADjlModelDirectoryToo(@TempDir Path dir) throws Exception {
        Path model = TinySentimentModel.writeTo(dir.resolve("model"));
        Path file = dir.resolve("en.tsv");
        Files.writeString(
                file,
                "text\tlabel\tlanguage\nterrible rude service\tnegative\ten\n"
                        + "great thanks\tpositive\ten\nthe booking\tneutral\ten\n");
        String out =
                run(
                        "--file", file.toString(),
                        "--models", "en=lexicon-en",
                        "--djl-model", model.toString());
        assertThat(out).contains("== model djl:tiny-bow, language en: 3 utterances, 3 scored ==");
        assertThat(out).contains("accuracy 1.000   macro-F1 1.000");
    }

    @Test
    void theBuiltInSetsCanBeEvaluatedBySplit() throws Exception {
        String out = run("--models", "en=lexicon-en,es=lexicon-es", "--split", "fresh");
        assertThat(out).contains("customer-service-en.tsv [fresh] (60)");
        assertThat(out).contains("== model lexicon-es, language es: 60 utterances, 60 scored ==");
    }

    @Test
    void badArgumentsAreReported() {
        assertThatThrownBy(() -> run("--frobnicate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--frobnicate");
        assertThatThrownBy(() -> run("--file")).hasMessageContaining("--file needs a value");
    }
}
