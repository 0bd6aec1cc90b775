package io.ringstream.sentiment.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.flink.kit.runtime.JobVariables;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How deployments configure the sentiment job through environment variables. */
class SentimentSettingsTest {

    private static SentimentSettings from(Map<String, String> env) {
        return SentimentSettings.from(JobVariables.of(env));
    }

    @Test
    void defaultsNeedNothing() {
        SentimentSettings s = from(Map.of());
        assertThat(s.scoring().assignment())
                .containsEntry("en", "corenlp")
                .containsEntry("es", "lexicon-es");
        assertThat(s.policy().threshold()).isEqualTo(-0.3);
        assertThat(SentimentJob.DEFINITION.consumerGroup()).isEqualTo("ringstream-sentiment");
    }

    @Test
    void readsModelsThresholdDropAndThreads() {
        Map<String, String> env = new HashMap<>();
        env.put("RINGSTREAM_SENTIMENT_MODELS", "en=lexicon-en,es=lexicon-es,pt=djl:/models/pt");
        env.put("RINGSTREAM_SENTIMENT_THRESHOLD", "-0.4");
        env.put("RINGSTREAM_SENTIMENT_DROP", "0.6/4");
        env.put("RINGSTREAM_SENTIMENT_THREADS", "3");

        SentimentSettings s = from(env);

        assertThat(s.scoring().assignment()).containsEntry("pt", "djl:/models/pt");
        assertThat(s.policy().threshold()).isEqualTo(-0.4);
        assertThat(s.policy().dropAmount()).isEqualTo(0.6);
        assertThat(s.policy().dropTurns()).isEqualTo(4);
        assertThat(s.scoring().threads()).isEqualTo(3);
    }

    @Test
    void malformedVariablesAreNamed() {
        assertThatThrownBy(() -> from(Map.of("RINGSTREAM_SENTIMENT_DROP", "0.5")))
                .hasMessageContaining("RINGSTREAM_SENTIMENT_DROP");
        assertThatThrownBy(() -> from(Map.of("RINGSTREAM_SENTIMENT_MODELS", "english")))
                .hasMessageContaining("english");
        assertThatThrownBy(
                        () ->
                                from(
                                        Map.of(
                                                "RINGSTREAM_SENTIMENT_MODELS",
                                                "en=corenlp,fr=lexicon-fr")))
                .hasMessageContaining("unknown sentiment model 'lexicon-fr' for fr");
    }
}
