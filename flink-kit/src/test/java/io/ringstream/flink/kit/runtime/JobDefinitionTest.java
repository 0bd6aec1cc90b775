package io.ringstream.flink.kit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.kit.clickhouse.ClickHouseLogin;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How every job is configured: environment variables as containers and the launcher pass them,
 * program arguments as {@code flink run} passes them, and resuming from retained checkpoints.
 */
class JobDefinitionTest {
    private static final Map<String, String> REQUIRED =
            Map.of(
                    "RINGSTREAM_KAFKA_BOOTSTRAP", "kafka:9092",
                    "RINGSTREAM_CLICKHOUSE_URL", "jdbc:clickhouse://ch:8123/default");

    /** A job's own settings, as a real job reads them. */
    record Minutes(int minutes) implements Serializable {
        static Minutes from(JobVariables variables) {
            return new Minutes(variables.integer("RINGSTREAM_INTERVAL_MINUTES").orElse(15));
        }
    }

    private static final JobDefinition<Minutes> JOB =
            new JobDefinition<>(
                    "ringstream-test",
                    Components.ARCHIVE_JOB,
                    "ringstream-test",
                    "RINGSTREAM_CHECKPOINT_DIR",
                    "RINGSTREAM_RESTORE_PATH",
                    List.of(Topics.CONTACT_EVENTS),
                    Minutes::from,
                    config -> {
                        throw new UnsupportedOperationException("not run here");
                    });

    private static JobConfig<Minutes> fromArgs(String[] args, Map<String, String> env) {
        JobVariables variables = JobVariables.of(args, env);
        JobConfig<Minutes> config = JOB.configure(variables);
        variables.rejectUnknownFlags();
        return config;
    }

    @Test
    void defaultsFromTheRequiredVariables() {
        JobConfig<Minutes> config = JOB.configure(JobVariables.of(REQUIRED));

        assertThat(config.kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(config.clickHouseUrl()).isEqualTo("jdbc:clickhouse://ch:8123/default");
        assertThat(config.consumerGroup()).isEqualTo("ringstream-test");
        assertThat(config.settings().minutes()).isEqualTo(15);
        assertThat(config.checkpointing().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.checkpointing().dir()).isNull();
        assertThat(config.checkpointing().restorePath()).isNull();
        assertThat(config.clickHouseLogin()).isEqualTo(ClickHouseLogin.ENVIRONMENT);
        assertThat(JOB.defaults("kafka:9092", "jdbc:clickhouse://ch:8123/default"))
                .as("local mode and tests: no ClickHouse password")
                .isEqualTo(config.withWiring(w -> w.withClickHouseLogin(ClickHouseLogin.NONE)));
    }

    @Test
    void theClickHousePasswordNeverEntersTheConfig() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.put("RINGSTREAM_CLICKHOUSE_USER", "ringstream");
        env.put("RINGSTREAM_CLICKHOUSE_PASSWORD", password);

        JobConfig<Minutes> config = JOB.configure(JobVariables.of(env));

        // What Flink prints and ships: the config's text and its serialized form.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(config);
        }
        assertThat(config.toString()).doesNotContain(password);
        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).doesNotContain(password);
        assertThat(config.clickHouseLogin()).isEqualTo(ClickHouseLogin.ENVIRONMENT);
        assertThatThrownBy(
                        () -> fromArgs(new String[] {"--clickhouse-password", password}, REQUIRED))
                .as("a secret is never a program flag, which ps shows")
                .hasMessageNotContaining(password);
    }

    @Test
    void aClickHouseUrlCarryingAPasswordIsRefusedWithoutEchoingIt() {
        String password = "pw-" + UUID.randomUUID();
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.put(
                "RINGSTREAM_CLICKHOUSE_URL",
                "jdbc:clickhouse://ch:8123/default?user=u&password=" + password);

        assertThatThrownBy(() -> JOB.configure(JobVariables.of(env)))
                .hasMessageContaining("RINGSTREAM_CLICKHOUSE_PASSWORD")
                .hasMessageNotContaining(password);
    }

    @Test
    void optionalVariablesOverrideDefaults() {
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.put("RINGSTREAM_INTERVAL_MINUTES", "30");
        env.put("RINGSTREAM_CHECKPOINT_DIR", "/var/ringstream/checkpoints");
        env.put("RINGSTREAM_RESTORE_PATH", "file:///var/ringstream/checkpoints/j/chk-3");

        JobConfig<Minutes> config = JOB.configure(JobVariables.of(env));

        assertThat(config.settings().minutes()).isEqualTo(30);
        assertThat(config.checkpointing().dir()).isEqualTo("file:///var/ringstream/checkpoints");
        assertThat(config.checkpointing().restorePath())
                .isEqualTo("file:///var/ringstream/checkpoints/j/chk-3");
    }

    @Test
    void missingOrMalformedVariablesAreNamed() {
        assertThatThrownBy(() -> JOB.configure(JobVariables.of(Map.of())))
                .hasMessageContaining("RINGSTREAM_KAFKA_BOOTSTRAP");
        assertThatThrownBy(
                        () ->
                                JOB.configure(
                                        JobVariables.of(
                                                Map.of("RINGSTREAM_KAFKA_BOOTSTRAP", "k:9092"))))
                .hasMessageContaining("RINGSTREAM_CLICKHOUSE_URL");
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.put("RINGSTREAM_INTERVAL_MINUTES", "ten");
        assertThatThrownBy(() -> JOB.configure(JobVariables.of(env)))
                .hasMessageContaining("RINGSTREAM_INTERVAL_MINUTES (--interval-minutes)")
                .hasMessageContaining("'ten'");
    }

    @Test
    void programArgumentsOverrideTheEnvironment() {
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.put("RINGSTREAM_INTERVAL_MINUTES", "30");

        JobConfig<Minutes> config =
                fromArgs(
                        new String[] {
                            "--kafka-bootstrap",
                            "broker-1:9092,broker-2:9092",
                            "--interval-minutes",
                            "60",
                            "--checkpoint-dir=file:///flink/checkpoints",
                            "--restore-path",
                            "file:///flink/checkpoints/j/chk-7"
                        },
                        env);

        assertThat(config.kafkaBootstrap()).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(config.clickHouseUrl())
                .as("from the environment")
                .isEqualTo("jdbc:clickhouse://ch:8123/default");
        assertThat(config.settings().minutes()).isEqualTo(60);
        assertThat(config.checkpointing().dir()).isEqualTo("file:///flink/checkpoints");
        assertThat(config.checkpointing().restorePath())
                .isEqualTo("file:///flink/checkpoints/j/chk-7");
    }

    @Test
    void argumentsAloneAreEnoughOnACluster() {
        JobConfig<Minutes> config =
                fromArgs(
                        new String[] {
                            "--kafka-bootstrap", "kafka:9092",
                            "--clickhouse-url",
                                    "jdbc:clickhouse://ch:8123/ringstream?compress=false"
                        },
                        Map.of());

        assertThat(config.kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(config.clickHouseUrl())
                .isEqualTo("jdbc:clickhouse://ch:8123/ringstream?compress=false");
        assertThat(fromArgs(new String[0], REQUIRED))
                .isEqualTo(JOB.configure(JobVariables.of(REQUIRED)));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> fromArgs(new String[] {"--kafka", "k:9092"}, REQUIRED))
                .hasMessageContaining("unknown flag [--kafka]")
                .hasMessageContaining("--kafka-bootstrap");
        assertThatThrownBy(() -> fromArgs(new String[] {"kafka:9092"}, REQUIRED))
                .hasMessageContaining("expected --name value but got 'kafka:9092'");
        assertThatThrownBy(
                        () ->
                                fromArgs(
                                        new String[] {
                                            "--checkpoint-dir", "--interval-minutes", "30"
                                        },
                                        REQUIRED))
                .hasMessageContaining("--checkpoint-dir needs a value");
        assertThatThrownBy(() -> fromArgs(new String[] {"--interval-minutes="}, REQUIRED))
                .hasMessageContaining("--interval-minutes needs a value");
        assertThatThrownBy(
                        () ->
                                fromArgs(
                                        new String[] {
                                            "--interval-minutes", "15", "--interval-minutes", "30"
                                        },
                                        REQUIRED))
                .hasMessageContaining("--interval-minutes is given twice");
        assertThatThrownBy(() -> fromArgs(new String[] {"--kafka-bootstrap", "k:9092"}, Map.of()))
                .hasMessageContaining("RINGSTREAM_CLICKHOUSE_URL (--clickhouse-url) is required");
    }

    @Test
    void resumesFromTheNewestRetainedCheckpoint(@TempDir Path dir) throws Exception {
        JobConfig<Minutes> config =
                JOB.configure(JobVariables.of(REQUIRED)).withCheckpointDir(dir.toString());
        assertThat(config.resumingFromLatestCheckpoint().checkpointing().restorePath()).isNull();

        Path chk = Files.createDirectories(dir.resolve("job").resolve("chk-2"));
        Files.createFile(chk.resolve("_metadata"));

        assertThat(config.resumingFromLatestCheckpoint().checkpointing().restorePath())
                .isEqualTo(chk.toUri().toString());
    }

    @Test
    void rejectsNonsensicalCheckpointIntervals() {
        JobConfig<Minutes> config = JOB.configure(JobVariables.of(REQUIRED));
        assertThatThrownBy(() -> config.withCheckpointInterval(Duration.ofSeconds(-1)))
                .hasMessageContaining("checkpointInterval");
    }
}
