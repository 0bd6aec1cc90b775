package io.ringstream.sentiment.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.sentiment.lexicon.TextNormalizer.Token;
import org.junit.jupiter.api.Test;

/** Lexicons and detector see the same words: this is how text is cut and normalized. */
class TextNormalizerTest {

    @Test
    void lowerCasesAndDropsAccentsButKeepsTheÑ() {
        assertThat(TextNormalizer.normalize("Pésimo AÑO Über")).isEqualTo("pesimo año uber");
    }

    @Test
    void keepsInnerApostrophesAndTypographicOnes() {
        assertThat(TextNormalizer.words("I don’t think it's OK"))
                .containsExactly("i", "don't", "think", "it's", "ok");
    }

    @Test
    void marksClauseBreaksExclamationsEmojiAndShouting() {
        assertThat(TextNormalizer.tokens("¡Qué MAL! 😡 :("))
                .containsExactly(
                        new Token(Token.Kind.BREAK, "¡", false),
                        new Token(Token.Kind.WORD, "que", false),
                        new Token(Token.Kind.WORD, "mal", true),
                        new Token(Token.Kind.EXCLAMATION, "!", false),
                        new Token(Token.Kind.SYMBOL, "😡", false),
                        new Token(Token.Kind.SYMBOL, ":(", false));
    }
}
