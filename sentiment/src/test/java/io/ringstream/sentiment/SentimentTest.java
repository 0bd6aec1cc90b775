package io.ringstream.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The shape every model's answer has. */
class SentimentTest {

    @Test
    void scoresAndConfidencesMustBeInRange() {
        assertThatThrownBy(() -> new Sentiment(1.5, SentimentLabel.POSITIVE, 0.5))
                .hasMessageContaining("[-1, 1]");
        assertThatThrownBy(() -> new Sentiment(0, SentimentLabel.NEUTRAL, -0.1))
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new Sentiment(Double.NaN, SentimentLabel.NEUTRAL, 0.5))
                .hasMessageContaining("score");
    }

    @Test
    void labelsFollowScoresAtTheDocumentedCutPoints() {
        assertThat(SentimentLabel.fromScore(-0.6)).isEqualTo(SentimentLabel.VERY_NEGATIVE);
        assertThat(SentimentLabel.fromScore(-0.59)).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(SentimentLabel.fromScore(-0.1)).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(SentimentLabel.fromScore(-0.09)).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(SentimentLabel.fromScore(0.09)).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(SentimentLabel.fromScore(0.1)).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(SentimentLabel.fromScore(0.6)).isEqualTo(SentimentLabel.VERY_POSITIVE);
        assertThat(Sentiment.fromScore(3, 1).score()).isEqualTo(1.0);
    }

    @Test
    void fiveLabelsFoldIntoThreePolarities() {
        assertThat(SentimentLabel.VERY_NEGATIVE.polarity()).isEqualTo(Polarity.NEGATIVE);
        assertThat(SentimentLabel.NEUTRAL.polarity()).isEqualTo(Polarity.NEUTRAL);
        assertThat(SentimentLabel.parse("very-positive")).isEqualTo(SentimentLabel.VERY_POSITIVE);
        assertThat(Polarity.parse(" Negative ")).isEqualTo(Polarity.NEGATIVE);
        assertThatThrownBy(() -> Polarity.parse("mixed")).hasMessageContaining("'mixed'");
    }
}
