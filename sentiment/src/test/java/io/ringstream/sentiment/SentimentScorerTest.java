package io.ringstream.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.sentiment.language.LanguageDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which model scores an utterance, and why an utterance stays unscored. */
class SentimentScorerTest {
    private final List<String> seen = new ArrayList<>();
    private final SentimentModel english = recording("en-model", 0.5);
    private final SentimentModel spanish = recording("es-model", -0.5);
    private final SentimentScorer scorer =
            new SentimentScorer(
                    Map.of("en", english, "es", spanish), LanguageDetector.shared(), 20);

    private SentimentModel recording(String name, double score) {
        return new SentimentModel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Sentiment score(String text) {
                seen.add(name + ":" + text);
                return Sentiment.fromScore(score, 0.9);
            }
        };
    }

    @Test
    void theGivenLanguagePicksTheModel() {
        UtteranceScore s = scorer.score("Hola, qué tal", "es-MX");
        assertThat(s.language()).isEqualTo("es");
        assertThat(s.languageSource()).isEqualTo(LanguageSource.GIVEN);
        assertThat(s.model()).isEqualTo("es-model");
        assertThat(s.sentiment().score()).isEqualTo(-0.5);
    }

    @Test
    void withoutALanguageTheDetectedOnePicksTheModel() {
        UtteranceScore s = scorer.score("Quiero cambiar mi reserva", null);
        assertThat(s.language()).isEqualTo("es");
        assertThat(s.languageSource()).isEqualTo(LanguageSource.DETECTED);
        assertThat(s.model()).isEqualTo("es-model");
    }

    @Test
    void aLanguageWithoutAModelIsUnscoredNotGuessed() {
        UtteranceScore detected = scorer.score("Je voudrais annuler ma réservation", null);
        assertThat(detected.isScored()).isFalse();
        assertThat(detected.language()).isEqualTo("fr");
        assertThat(detected.unscoredReason()).isEqualTo("no sentiment model for language 'fr'");

        UtteranceScore given = scorer.score("I'd like to cancel", "de");
        assertThat(given.isScored()).isFalse();
        assertThat(given.language()).isEqualTo("de");
        assertThat(seen).isEmpty();
    }

    @Test
    void anUndeterminedLanguageIsUnscored() {
        UtteranceScore s = scorer.score("ok", null);
        assertThat(s.isScored()).isFalse();
        assertThat(s.languageSource()).isEqualTo(LanguageSource.UNDETERMINED);
        assertThat(s.unscoredReason()).isEqualTo("language not determined");
    }

    @Test
    void emptyTextIsUnscored() {
        assertThat(scorer.score("  ", "en").unscoredReason()).isEqualTo("empty text");
    }

    @Test
    void aFailingModelLeavesTheUtteranceUnscoredWithTheReason() {
        SentimentModel broken =
                new SentimentModel() {
                    @Override
                    public String name() {
                        return "broken";
                    }

                    @Override
                    public Sentiment score(String text) {
                        throw new IllegalStateException("boom");
                    }
                };
        UtteranceScore s = new SentimentScorer(Map.of("en", broken)).score("hello there", "en");
        assertThat(s.isScored()).isFalse();
        assertThat(s.unscoredReason()).contains("broken failed").contains("boom");
    }

    @Test
    void longTextsAreCutBeforeScoring() {
        scorer.score("a".repeat(50), "en");
        assertThat(seen).containsExactly("en-model:" + "a".repeat(20));
    }

    @Test
    void languageCodesAreNormalized() {
        assertThat(SentimentScorer.normalizeLanguage(" ES_mx ")).isEqualTo("es");
        assertThat(SentimentScorer.normalizeLanguage("eng")).isEqualTo("en");
        assertThat(SentimentScorer.normalizeLanguage("")).isNull();
    }
}
