package io.ringstream.sentiment.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.sentiment.Polarity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The evaluation file format, and that the team's sets are what docs/sentiment.md claims. */
class EvaluationSetTest {

    private static EvaluationSet parse(String text) throws IOException {
        return EvaluationSet.parse(
                "t.tsv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void columnsAreFoundByTheirHeaderInAnyOrder() throws IOException {
        EvaluationSet set =
                parse(
                        "language\tid\tlabel\ttext\nES\t1\tNegative\tqué desastre\n\nen\t2\tneutral\tok\n");
        assertThat(set.utterances())
                .containsExactly(
                        new LabelledUtterance("qué desastre", Polarity.NEGATIVE, "es", "", "", ""),
                        new LabelledUtterance("ok", Polarity.NEUTRAL, "en", "", "", ""));
    }

    @Test
    void malformedRowsNameTheirLine() {
        assertThatThrownBy(
                        () -> parse("text\tlabel\tlanguage\nfine\tneutral\ten\nbad\tmixed\ten\n"))
                .hasMessageContaining("t.tsv line 3")
                .hasMessageContaining("'mixed'");
        assertThatThrownBy(() -> parse("text\tlabel\tlanguage\nno language\tneutral\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("missing column language");
        assertThatThrownBy(() -> parse("text,label,language\n"))
                .hasMessageContaining("header must name the columns text, label and language");
    }

    @Test
    void theBuiltInSetsHaveAtLeast300UtterancesPerLanguageOfEveryLabelAndTopic() {
        List<EvaluationSet> sets = EvaluationSet.builtIn();
        Map<String, List<LabelledUtterance>> byLanguage =
                sets.stream()
                        .flatMap(s -> s.utterances().stream())
                        .collect(Collectors.groupingBy(LabelledUtterance::language));
        assertThat(byLanguage.keySet()).containsExactlyInAnyOrder("en", "es");
        for (List<LabelledUtterance> utterances : byLanguage.values()) {
            assertThat(utterances).hasSizeGreaterThanOrEqualTo(300);
            Map<Polarity, Long> labels =
                    utterances.stream()
                            .collect(
                                    Collectors.groupingBy(
                                            LabelledUtterance::label, Collectors.counting()));
            assertThat(labels.values()).allMatch(n -> n >= 80);
            assertThat(utterances.stream().map(LabelledUtterance::topic))
                    .contains("booking", "billing", "complaint", "praise");
            assertThat(utterances.stream().map(LabelledUtterance::channel))
                    .contains("chat", "call");
            assertThat(utterances.stream().map(LabelledUtterance::split).distinct())
                    .containsExactlyInAnyOrder("dev", "test", "fresh");
            Set<String> texts = new HashSet<>();
            assertThat(utterances).allMatch(u -> texts.add(u.text()), "no duplicate texts");
        }
    }

    @Test
    void aSplitKeepsOnlyItsUtterances() {
        EvaluationSet all = EvaluationSet.builtIn().get(0);
        EvaluationSet fresh = all.split("fresh");
        assertThat(fresh.name()).endsWith("[fresh]");
        assertThat(fresh.utterances()).isNotEmpty().allMatch(u -> u.split().equals("fresh"));
        assertThat(Function.<Integer>identity().apply(fresh.utterances().size()))
                .isLessThan(all.utterances().size());
    }
}
