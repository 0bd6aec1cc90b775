package io.ringstream.sentiment.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.sentiment.eval.EvaluationSet;
import io.ringstream.sentiment.eval.LabelledUtterance;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The detector decides the model, so its mistakes cost the most when it confuses a language with a
 * model for one without (a Portuguese message scored as Spanish): those must not happen.
 */
class LanguageDetectorTest {
    private final LanguageDetector detector = LanguageDetector.shared();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "en|I'd like to change my booking to next Friday, please.",
                "en|terrible service",
                "es|Quiero cambiar mi reserva al viernes que viene.",
                "es|pésimo servicio",
                "es|¿Me pueden ayudar?",
                "pt|Olá, gostaria de cancelar a minha reserva.",
                "pt|Não recebi o reembolso, estou muito chateado.",
                "fr|Bonjour, je voudrais annuler ma réservation s'il vous plaît.",
                "fr|C'est inadmissible, j'attends depuis une heure !",
                "de|Guten Tag, ich möchte meine Buchung ändern.",
                "de|Das Zimmer war schmutzig und niemand hat geholfen.",
                "it|Buongiorno, vorrei prenotare una camera per due notti.",
                "it|Il servizio è stato pessimo, non tornerò più.",
                "nl|Hallo, ik wil mijn boeking annuleren.",
                "ca|Bon dia, voldria canviar la reserva per dissabte.",
                "ca|Gràcies per tot!",
                "ru|Здравствуйте, я хочу отменить бронирование.",
                "zh|我想取消我的预订",
                "ja|予約をキャンセルしたいです",
                "ko|안녕하세요 예약을 취소하고 싶어요",
                "ar|مرحبا، أريد إلغاء الحجز"
            })
    void detectsTheLanguage(String language, String text) {
        assertThat(detector.detect(text).language()).isEqualTo(language);
    }

    @ParameterizedTest
    @CsvSource({"ok", "12345", "'  '", "Hola", ":)", "Mmm"})
    void saysUndeterminedRatherThanGuess(String text) {
        Detection d = detector.detect(text);
        assertThat(d.determined()).isFalse();
        assertThat(d.confidence()).isZero();
    }

    @Test
    void onTheEvaluationSetsItNeverConfusesEnglishAndSpanish() {
        Map<String, Integer> correct = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        for (EvaluationSet set : EvaluationSet.builtIn()) {
            for (LabelledUtterance u : set.utterances()) {
                Detection d = detector.detect(u.text());
                total.merge(u.language(), 1, Integer::sum);
                if (u.language().equals(d.language())) {
                    correct.merge(u.language(), 1, Integer::sum);
                } else {
                    // Undetermined is acceptable (stored unscored); another language is not.
                    assertThat(d.language()).as(u.text()).isNull();
                }
            }
        }
        assertThat(correct.get("en") / (double) total.get("en")).isGreaterThan(0.95);
        assertThat(correct.get("es") / (double) total.get("es")).isGreaterThan(0.95);
    }
}
