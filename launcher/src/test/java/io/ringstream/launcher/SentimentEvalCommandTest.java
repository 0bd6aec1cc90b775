package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code ./ringstream sentiment-eval} with its default models (CoreNLP and the lexicon models) on
 * the built-in sets; the fresh split keeps CoreNLP's share of CI time to a few seconds.
 */
class SentimentEvalCommandTest {

    @Test
    void printsAccuracyMacroF1AndAConfusionMatrixPerModelAndLanguage() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            assertThat(SentimentEvalCommand.run(new String[] {"--split", "fresh"}, out)).isZero();
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertThat(printed)
                .contains("customer-service-en.tsv [fresh] (60)")
                .contains("customer-service-es.tsv [fresh] (60)")
                .contains("== model corenlp, language en: 60 utterances, 60 scored ==")
                .contains("== model lexicon-en, language en: 60 utterances, 60 scored ==")
                .contains("== model lexicon-es, language es: 60 utterances, 60 scored ==")
                .contains("== language detection: 120 utterances");
        assertThat(printed).containsPattern("accuracy 0\\.\\d{3}   macro-F1 0\\.\\d{3}");
        assertThat(printed.split("confusion matrix \\(rows: labelled, columns: predicted\\)"))
                .hasSize(4);
        assertThat(printed).containsPattern("(?m)^  negative\\s+\\d+\\s+\\d+\\s+\\d+$");
    }
}
