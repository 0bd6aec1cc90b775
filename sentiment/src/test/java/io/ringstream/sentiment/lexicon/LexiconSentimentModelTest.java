package io.ringstream.sentiment.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.sentiment.Polarity;
import io.ringstream.sentiment.Sentiment;
import io.ringstream.sentiment.SentimentLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lexicon-and-rules models' rules, each shown on the smallest utterance that needs it. */
class LexiconSentimentModelTest {
    private static final LexiconSentimentModel ES = LexiconSentimentModel.builtIn("es");
    private static final LexiconSentimentModel EN = LexiconSentimentModel.builtIn("en");

    private static double es(String text) {
        return ES.score(text).score();
    }

    private static double en(String text) {
        return EN.score(text).score();
    }

    @Test
    void aSingleTermGivesItsValenceSquashedIntoMinusOneToOne() {
        // "excelente" = 3: 3 / sqrt(9 + 8)
        assertThat(es("excelente")).isCloseTo(3 / Math.sqrt(17), within());
        assertThat(es("un servicio pésimo")).isCloseTo(-3 / Math.sqrt(17), within());
    }

    @Test
    void accentsAreOptionalButTheÑIsNot() {
        assertThat(es("pesimo")).isEqualTo(es("pésimo"));
        assertThat(es("PÉSIMO")).isLessThan(0);
    }

    @Test
    void negationFlipsAndDampsTheNextTermInItsClause() {
        double bueno = es("es bueno");
        assertThat(es("no es bueno")).isCloseTo(squash(1.8 * -0.74), within());
        assertThat(es("no es bueno")).isNegative().isGreaterThan(-bueno);
        // The clause ends at the comma: "bueno" after it is not negated.
        assertThat(es("no, es bueno")).isCloseTo(bueno, within());
        assertThat(en("the room was not clean")).isNegative();
        assertThat(en("it wasn't bad")).isPositive();
    }

    @Test
    void spanishNegativeConcordIntensifiesInsteadOfFlippingBack() {
        // "no ... nada": the second negator boosts the negated term.
        double once = es("no estoy contento");
        double concord = es("no estoy nada contento");
        assertThat(once).isNegative();
        assertThat(concord).isLessThan(once);
    }

    @Test
    void boostersAndDampenersScaleTheNextTerm() {
        assertThat(es("muy malo")).isLessThan(es("malo"));
        assertThat(es("un poco caro")).isNegative().isGreaterThan(es("caro"));
        assertThat(en("really terrible")).isLessThan(en("terrible"));
        assertThat(en("a bit slow")).isGreaterThan(en("slow"));
    }

    @Test
    void superlativesOfListedWordsCountAsBoosted() {
        assertThat(es("malísimo")).isCloseTo(squash(-2 * 1.3), within());
        assertThat(es("amabilísima")).isCloseTo(squash(2.3 * 1.3), within());
        assertThat(es("buenísimas")).isPositive();
    }

    @Test
    void pluralAndGenderFormsAreFound() {
        assertThat(es("unos empleados maleducados")).isNegative();
        assertThat(es("las chicas fueron encantadoras")).isPositive();
        assertThat(en("so many problems")).isNegative();
    }

    @Test
    void afterAContrastTheSecondPartWeighsMore() {
        // 1.8 * 0.5 (before "pero") + (-2) * 1.5 (after)
        assertThat(es("la habitación bien pero el trato malo"))
                .isCloseTo(squash(1.5 * 0.5 + -2 * 1.5), within());
        assertThat(en("thanks but it still doesn't work")).isNegative();
    }

    @Test
    void unmetExpectationsAreNeutralAloneAndNegativeWhenNegated() {
        assertThat(es("¿cómo funciona?")).isZero();
        assertThat(es("la tele no funciona")).isNegative();
        assertThat(es("nadie nos avisó")).isNegative();
        assertThat(en("the driver never showed up")).isNegative();
        assertThat(en("nobody told us")).isNegative();
    }

    @Test
    void conditionsDampTheRestOfTheirClause() {
        assertThat(Math.abs(en("what happens if my luggage is damaged")))
                .isLessThan(Math.abs(en("my luggage is damaged")));
        assertThat(Math.abs(es("qué pasa si el vuelo tiene retraso")))
                .isLessThan(Math.abs(es("el vuelo tiene retraso")));
    }

    @Test
    void shoutedWordsAndExclamationsWeighMore() {
        assertThat(en("this is TERRIBLE")).isLessThan(en("this is terrible"));
        // All capitals is a style, not shouting one word.
        assertThat(en("THIS IS TERRIBLE")).isEqualTo(en("this is terrible"));
        assertThat(es("¡genial!!")).isGreaterThan(es("genial"));
    }

    @Test
    void emojiAndEmoticonsCarrySentiment() {
        assertThat(es("😡")).isNegative();
        assertThat(en("ok :)")).isPositive();
        assertThat(en("http://example.com/x")).isZero();
    }

    @Test
    void greetingsAreNotPraise() {
        assertThat(es("buenas tardes")).isZero();
        assertThat(en("good morning")).isZero();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Me han cobrado dos veces la reserva, es una vergüenza|NEGATIVE",
                "¿A qué hora abre la piscina?|NEUTRAL",
                "Muchísimas gracias, todo perfecto|POSITIVE",
                "I was charged twice, this is ridiculous|NEGATIVE",
                "What time does the pool open?|NEUTRAL",
                "Thank you so much, everything was perfect|POSITIVE"
            })
    void typicalUtterances(String text, Polarity expected) {
        LexiconSentimentModel model =
                text.matches(".*[¿áéíóúñ].*|.*(cobrado|gracias|todo).*") ? ES : EN;
        assertThat(model.score(text).polarity()).isEqualTo(expected);
    }

    @Test
    void confidenceIsAHeuristicHigherForStrongerScores() {
        Sentiment nothing = ES.score("la reserva del martes");
        assertThat(nothing.label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(nothing.confidence()).isEqualTo(0.5);
        assertThat(ES.score("horrible, pésimo").confidence())
                .isGreaterThan(ES.score("un poco caro").confidence());
    }

    @Test
    void namesSayTheLanguage() {
        assertThat(ES.name()).isEqualTo("lexicon-es");
        assertThat(EN.name()).isEqualTo("lexicon-en");
        assertThat(ES.kindOf("no")).contains(Lexicon.Kind.NEGATOR);
        assertThat(ES.kindOf("Súper")).contains(Lexicon.Kind.SCALE);
    }

    private static double squash(double sum) {
        return sum / Math.sqrt(sum * sum + LexiconSentimentModel.ALPHA);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
