package io.ringstream.customers.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A note's rules: an author and a body, both required. */
class NoteTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void givenAnAgentsNote_whenCreated_thenTheBodyIsTrimmed() {
        Note n =
                new Note(
                        NoteId.random(),
                        "t",
                        CustomerId.random(),
                        null,
                        "1001",
                        " wants a sea view \n",
                        T0);

        assertThat(n.body()).isEqualTo("wants a sea view");
    }

    @Test
    void givenNoAuthorAndABlankBody_whenCreated_thenBothAreReported() {
        assertThatThrownBy(
                        () ->
                                new Note(
                                        NoteId.random(),
                                        "t",
                                        CustomerId.random(),
                                        null,
                                        null,
                                        " ",
                                        T0))
                .isInstanceOfSatisfying(
                        ModelViolationException.class,
                        e ->
                                assertThat(e.violations())
                                        .containsExactly("author is required", "body is required"));
    }

    @Test
    void givenATooLongBody_whenCreated_thenRefused() {
        assertThatThrownBy(
                        () ->
                                new Note(
                                        NoteId.random(),
                                        "t",
                                        CustomerId.random(),
                                        null,
                                        "1001",
                                        "x".repeat(10_001),
                                        T0))
                .hasMessageContaining("body has at most 10000 characters");
    }
}
