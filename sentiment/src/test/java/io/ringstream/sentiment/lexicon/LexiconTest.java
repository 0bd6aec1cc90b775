package io.ringstream.sentiment.lexicon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Lexicon files are reviewed like code; a mistake must fail loudly with its line. */
class LexiconTest {

    private static Lexicon parse(String text) throws IOException {
        return Lexicon.parse("xx", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theBuiltInLexiconsLoad() {
        assertThat(Lexicon.builtIn("es").size()).isGreaterThan(400);
        assertThat(Lexicon.builtIn("en").size()).isGreaterThan(400);
    }

    @Test
    void readsEveryKindIgnoringCommentsAndBlankLines() throws IOException {
        Lexicon l =
                parse(
                        "# comment\n\nterm\tbueno\t2 # trailing\nnegator\tno\nscale\tmuy\t1.3\n"
                                + "contrast\tpero\nunmet\tfunciona\t-2\ncondition\tqué pasa si\n");
        assertThat(l.size()).isEqualTo(6);
        assertThat(l.exact("que pasa si").orElseThrow().kind()).isEqualTo(Lexicon.Kind.CONDITION);
        assertThat(l.exact("bueno").orElseThrow().value()).isEqualTo(2.0);
    }

    @Test
    void aDuplicateAfterNormalizationIsAnError() {
        assertThatThrownBy(() -> parse("term\tpésimo\t-3\nterm\tpesimo\t-3\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("duplicate");
    }

    @Test
    void valencesOutsideTheScaleAreErrors() {
        assertThatThrownBy(() -> parse("term\tbueno\t4\n"))
                .hasMessageContaining("line 1")
                .hasMessageContaining("[-3, 3]");
        assertThatThrownBy(() -> parse("unmet\tfunciona\t2\n")).hasMessageContaining("negative");
        assertThatThrownBy(() -> parse("scale\tmuy\t0\n")).hasMessageContaining("positive");
    }

    @Test
    void unknownKindsAndMissingValuesAreErrors() {
        assertThatThrownBy(() -> parse("word\tbueno\t2\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> parse("term\tbueno\n")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> parse("option\tstemming\tes\n"))
                .hasMessageContaining("unknown option");
    }

    @Test
    void spanishInflectionReducesFormsToListedOnes() throws IOException {
        Lexicon l = parse("option\tinflection\tes\nterm\tmalo\t-2\nterm\tamable\t2\n");
        assertThat(l.inflected("malas").orElseThrow().base()).isEqualTo("malo");
        assertThat(l.inflected("malisimo").orElseThrow().scale()).isEqualTo(1.3);
        assertThat(l.inflected("amabilisimos").orElseThrow().base()).isEqualTo("amable");
        assertThat(l.inflected("mesa")).isEmpty();
    }
}
