package io.ringstream.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration from environment variables, as containers and the launcher pass it, and from
 * program arguments, as {@code flink run} passes it.
 */
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
        assertThat(config.checkpointing().interval()).isEqualTo(Duration.ofSeconds(10));
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
    void programArgumentsOverrideTheEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(REQUIRED);
        env.put("RINGSTREAM_INTERVAL_MINUTES", "30");

        JobConfig config =
                JobConfig.fromArgs(
                        new String[] {
                            "--kafka-bootstrap",
                            "broker-1:9092,broker-2:9092",
                            "--interval-minutes",
                            "60",
                            "--sl-thresholds",
                            "sales=25,support=40",
                            "--checkpoint-dir=file:///flink/checkpoints",
                            "--restore-path",
                            "file:///flink/checkpoints/j/chk-7"
                        },
                        env);

        assertThat(config.kafkaBootstrap()).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(config.clickHouseUrl())
                .as("from the environment")
                .isEqualTo("jdbc:clickhouse://ch:8123/default");
        assertThat(config.intervals().minutes()).isEqualTo(60);
        assertThat(config.thresholds().secondsFor("sales")).isEqualTo(25);
        assertThat(config.thresholds().secondsFor("support")).isEqualTo(40);
        assertThat(config.checkpointDir()).isEqualTo("file:///flink/checkpoints");
        assertThat(config.restorePath()).isEqualTo("file:///flink/checkpoints/j/chk-7");
    }

    @Test
    void argumentsAloneAreEnoughOnACluster() {
        JobConfig config =
                JobConfig.fromArgs(
                        new String[] {
                            "--kafka-bootstrap", "kafka:9092",
                            "--clickhouse-url",
                                    "jdbc:clickhouse://ch:8123/ringstream?compress=false"
                        },
                        Map.of());

        assertThat(config.kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(config.clickHouseUrl())
                .isEqualTo("jdbc:clickhouse://ch:8123/ringstream?compress=false");
        assertThat(config.intervals().minutes()).isEqualTo(15);
        assertThat(JobConfig.fromArgs(new String[0], REQUIRED))
                .isEqualTo(JobConfig.fromEnv(REQUIRED));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--kafka", "k:9092"}, REQUIRED))
                .hasMessageContaining("unknown flag --kafka")
                .hasMessageContaining("--kafka-bootstrap");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"kafka:9092"}, REQUIRED))
                .hasMessageContaining("expected --name value but got 'kafka:9092'");
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        new String[] {
                                            "--sl-thresholds", "--interval-minutes", "30"
                                        },
                                        REQUIRED))
                .hasMessageContaining("--sl-thresholds needs a value");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--interval-minutes="}, REQUIRED))
                .hasMessageContaining("--interval-minutes needs a value");
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        new String[] {
                                            "--interval-minutes", "15", "--interval-minutes", "30"
                                        },
                                        REQUIRED))
                .hasMessageContaining("--interval-minutes is given twice");
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        new String[] {"--interval-minutes", "ten"}, REQUIRED))
                .hasMessageContaining("RINGSTREAM_INTERVAL_MINUTES (--interval-minutes)");
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        new String[] {"--kafka-bootstrap", "k:9092"}, Map.of()))
                .hasMessageContaining("RINGSTREAM_CLICKHOUSE_URL (--clickhouse-url) is required");
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
