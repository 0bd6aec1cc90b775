package io.ringstream.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration syntax for which model scores which language. */
class ModelAssignmentTest {

    @Test
    void parsesPairsInOrder() {
        assertThat(ModelAssignment.parse(" en=corenlp , ES=lexicon-es,pt=djl:/models/pt "))
                .containsExactly(
                        Map.entry("en", "corenlp"),
                        Map.entry("es", "lexicon-es"),
                        Map.entry("pt", "djl:/models/pt"));
        assertThat(ModelAssignment.format(ModelAssignment.parse(ModelAssignment.DEFAULT)))
                .isEqualTo(ModelAssignment.DEFAULT);
    }

    @Test
    void rejectsMalformedAssignments() {
        assertThatThrownBy(() -> ModelAssignment.parse("en")).hasMessageContaining("'en'");
        assertThatThrownBy(() -> ModelAssignment.parse("en=a,en=b")).hasMessageContaining("twice");
        assertThatThrownBy(() -> ModelAssignment.parse(",")).hasMessageContaining("no language");
    }

    @Test
    void unknownModelSpecsAreRejectedWhenLoaded() {
        assertThatThrownBy(() -> SharedModels.get("vader"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown sentiment model 'vader'");
    }
}
