package io.ringstream.sentiment.eval;

import static io.ringstream.sentiment.Polarity.NEGATIVE;
import static io.ringstream.sentiment.Polarity.NEUTRAL;
import static io.ringstream.sentiment.Polarity.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ringstream.sentiment.Polarity;
import org.junit.jupiter.api.Test;

/** Accuracy and macro-F1 on a matrix small enough to check by hand. */
class ConfusionMatrixTest {

    private static void add(ConfusionMatrix m, Polarity labelled, Polarity predicted, int n) {
        for (int i = 0; i < n; i++) {
            m.add(labelled, predicted);
        }
    }

    @Test
    void metricsMatchAHandComputedExample() {
        ConfusionMatrix m = new ConfusionMatrix();
        add(m, NEGATIVE, NEGATIVE, 8);
        add(m, NEGATIVE, NEUTRAL, 2);
        add(m, NEUTRAL, NEUTRAL, 5);
        add(m, NEUTRAL, POSITIVE, 5);
        add(m, POSITIVE, POSITIVE, 10);
        m.addUnscored();

        assertThat(m.total()).isEqualTo(30);
        assertThat(m.unscored()).isEqualTo(1);
        assertThat(m.accuracy()).isCloseTo(23 / 30.0, within(1e-12));
        // negative: P 8/8, R 8/10 -> F1 0.888...; neutral: P 5/7, R 5/10; positive: P 10/15, R 1
        assertThat(m.f1(NEGATIVE)).isCloseTo(2 * 1.0 * 0.8 / 1.8, within(1e-12));
        double pNeu = 5 / 7.0;
        double fNeu = 2 * pNeu * 0.5 / (pNeu + 0.5);
        double pPos = 10 / 15.0;
        double fPos = 2 * pPos * 1.0 / (pPos + 1.0);
        assertThat(m.macroF1()).isCloseTo((2 * 0.8 / 1.8 + fNeu + fPos) / 3, within(1e-12));
    }

    @Test
    void aClassNeverPredictedHasZeroF1NotNaN() {
        ConfusionMatrix m = new ConfusionMatrix();
        add(m, NEGATIVE, NEUTRAL, 3);
        add(m, NEUTRAL, NEUTRAL, 3);
        assertThat(m.precision(NEGATIVE)).isZero();
        assertThat(m.f1(NEGATIVE)).isZero();
        assertThat(m.f1(POSITIVE)).isZero();
        assertThat(m.accuracy()).isEqualTo(0.5);
        assertThat(new ConfusionMatrix().accuracy()).isNaN();
    }
}
