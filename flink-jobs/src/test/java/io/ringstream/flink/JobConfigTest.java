package io.ringstream.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration from environment variables, as containers and the launcher pass it. */
class JobConfigTest {
    private static final Map<String, String> REQUIRED =
            Map.of(
                    "RINGSTREAM_KAFKA_BOOTSTRAP", "kafka:9092",
                    "RINGSTREAM_CLICKHOUSE_URL", "jdbc:clickhouse://ch:8123/default");

    @Test
    void defaultsFromTheRequiredVariables() {
        JobConfig config = JobConfig.fromEnv(REQUIRED);

        assertThat(config.kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(config.clickHouseUrl()).isEqualTo("jdbc:clickhouse://ch:8123/default");
        assertThat(config.intervals().minutes()).isEqualTo(15);
        assertThat(config.thresholds().secondsFor("any")).isEqualTo(20);
        assertThat(config.outOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.statsEmitInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.intervalRetention()).isEqualTo(Duration.ofHours(6));
        assertThat(config.checkpointDir()).isNull();
        assertThat(config.restorePath()).isNull();
    }

    @Test
    void optionalVariablesOverrideDefaults() {
        Map<String, String> env = new java.util.HashMap<>(REQUIRED);
        env.put("RINGSTREAM_INTERVAL_MINUTES", "30");
        env.put("RINGSTREAM_SL_THRESHOLDS", "sales=20,support=30");
        env.put("RINGSTREAM_CHECKPOINT_DIR", "/var/ringstream/checkpoints");
        env.put("RINGSTREAM_RESTORE_PATH", "file:///var/ringstream/checkpoints/j/chk-3");

        JobConfig config = JobConfig.fromEnv(env);

        assertThat(config.intervals().minutes()).isEqualTo(30);
        assertThat(config.thresholds().secondsFor("support")).isEqualTo(30);
        assertThat(config.checkpointDir()).isEqualTo("file:///var/ringstream/checkpoints");
        assertThat(config.restorePath()).isEqualTo("file:///var/ringstream/checkpoints/j/chk-3");
    }

    @Test
    void missingOrMalformedVariablesAreNamed() {
        assertThatThrownBy(() -> JobConfig.fromEnv(Map.of()))
                .hasMessageContaining("RINGSTREAM_KAFKA_BOOTSTRAP");
        assertThatThrownBy(() -> JobConfig.fromEnv(Map.of("RINGSTREAM_KAFKA_BOOTSTRAP", "k:9092")))
                .hasMessageContaining("RINGSTREAM_CLICKHOUSE_URL");
        Map<String, String> env = new java.util.HashMap<>(REQUIRED);
        env.put("RINGSTREAM_INTERVAL_MINUTES", "ten");
        assertThatThrownBy(() -> JobConfig.fromEnv(env))
                .hasMessageContaining("RINGSTREAM_INTERVAL_MINUTES");
        env.put("RINGSTREAM_INTERVAL_MINUTES", "7");
        assertThatThrownBy(() -> JobConfig.fromEnv(env)).hasMessageContaining("1440");
    }

    @Test
    void resumesFromTheNewestRetainedCheckpoint(@TempDir Path dir) throws Exception {
        JobConfig config = JobConfig.fromEnv(REQUIRED).withCheckpointDir(dir.toString());
        assertThat(config.resumingFromLatestCheckpoint().restorePath()).isNull();

        Path chk = Files.createDirectories(dir.resolve("job").resolve("chk-2"));
        Files.createFile(chk.resolve("_metadata"));

        assertThat(config.resumingFromLatestCheckpoint().restorePath())
                .isEqualTo(chk.toUri().toString());
    }

    @Test
    void rejectsNonsensicalDurations() {
        JobConfig config = JobConfig.fromEnv(REQUIRED);
        assertThatThrownBy(() -> config.withStatsEmitInterval(Duration.ZERO))
                .hasMessageContaining("statsEmitInterval");
        assertThatThrownBy(() -> config.withCheckpointInterval(Duration.ofSeconds(-1)))
                .hasMessageContaining("checkpointInterval");
    }
}
