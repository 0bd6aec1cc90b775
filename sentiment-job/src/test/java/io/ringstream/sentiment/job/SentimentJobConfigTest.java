package io.ringstream.sentiment.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How deployments configure the sentiment job through environment variables. */
class SentimentJobConfigTest {
    private static final Map<String, String> REQUIRED =
            Map.of(
                    "RINGSTREAM_KAFKA_BOOTSTRAP", "kafka:9092",
                    "RINGSTREAM_CLICKHOUSE_URL", "jdbc:clickhouse://ch:8123/ringstream");

    @Test
    void defaultsNeedOnlyKafkaAndClickHouse() {
        SentimentJobConfig c = SentimentJobConfig.fromEnv(REQUIRED);
        assertThat(c.modelAssignment())
                .containsEntry("en", "corenlp")
                .containsEntry("es", "lexicon-es");
        assertThat(c.policy().threshold()).isEqualTo(-0.3);
        assertThat(c.consumerGroup()).isEqualTo("ringstream-sentiment");
        assertThat(c.checkpointDir()).isNull();
    }

    @Test
    void readsModelsThresholdDropThreadsAndCheckpoints() {
        Map<String, String> env = new java.util.HashMap<>(REQUIRED);
        env.put("RINGSTREAM_SENTIMENT_MODELS", "en=lexicon-en,es=lexicon-es,pt=djl:/models/pt");
        env.put("RINGSTREAM_SENTIMENT_THRESHOLD", "-0.4");
        env.put("RINGSTREAM_SENTIMENT_DROP", "0.6/4");
        env.put("RINGSTREAM_SENTIMENT_THREADS", "3");
        env.put("RINGSTREAM_CHECKPOINT_DIR", "/var/ckpt/sentiment");
        SentimentJobConfig c = SentimentJobConfig.fromEnv(env);
        assertThat(c.modelAssignment()).containsEntry("pt", "djl:/models/pt");
        assertThat(c.policy().threshold()).isEqualTo(-0.4);
        assertThat(c.policy().dropAmount()).isEqualTo(0.6);
        assertThat(c.policy().dropTurns()).isEqualTo(4);
        assertThat(c.scoringThreads()).isEqualTo(3);
        assertThat(c.checkpointDir()).isEqualTo("file:///var/ckpt/sentiment");
    }

    @Test
    void malformedVariablesAreNamed() {
        assertThatThrownBy(() -> SentimentJobConfig.fromEnv(Map.of()))
                .hasMessageContaining("RINGSTREAM_KAFKA_BOOTSTRAP");
        Map<String, String> env = new java.util.HashMap<>(REQUIRED);
        env.put("RINGSTREAM_SENTIMENT_DROP", "0.5");
        assertThatThrownBy(() -> SentimentJobConfig.fromEnv(env))
                .hasMessageContaining("RINGSTREAM_SENTIMENT_DROP");
        env.put("RINGSTREAM_SENTIMENT_DROP", "0.5/3");
        env.put("RINGSTREAM_SENTIMENT_MODELS", "english");
        assertThatThrownBy(() -> SentimentJobConfig.fromEnv(env)).hasMessageContaining("english");
        env.put("RINGSTREAM_SENTIMENT_MODELS", "en=corenlp,fr=lexicon-fr");
        assertThatThrownBy(() -> SentimentJobConfig.fromEnv(env))
                .hasMessageContaining("unknown sentiment model 'lexicon-fr' for fr");
    }

    @Test
    void resumesFromTheNewestRetainedCheckpointOfItsDirectory(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        SentimentJobConfig c =
                SentimentJobConfig.fromEnv(REQUIRED).withCheckpointDir(dir.toString());
        assertThat(c.resumingFromLatestCheckpoint().restorePath()).isNull();
        java.nio.file.Path chk = java.nio.file.Files.createDirectories(dir.resolve("job-1/chk-7"));
        java.nio.file.Files.writeString(chk.resolve("_metadata"), "x");
        assertThat(c.resumingFromLatestCheckpoint().restorePath())
                .isEqualTo(chk.toUri().toString());
    }
}
