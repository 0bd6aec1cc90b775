package io.ringstream.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Misconfiguration is reported all at once and secrets never reach logs. */
class BridgeConfigTest {
    private static final Map<String, String> MINIMAL =
            Map.of(
                    "RINGSTREAM_KAFKA_BOOTSTRAP", "kafka:9092",
                    "RINGSTREAM_AMI_HOST", "pbx.example",
                    "RINGSTREAM_AMI_USER", "ringstream",
                    "RINGSTREAM_AMI_SECRET", "s3cret");

    @Test
    void requiredVariablesWithDefaultsForTheRest() {
        BridgeConfig config = BridgeConfig.fromEnv(MINIMAL);

        assertThat(config.kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(config.amiHost()).isEqualTo("pbx.example");
        assertThat(config.amiPort()).isEqualTo(5038);
        assertThat(config.amiUser()).isEqualTo("ringstream");
        assertThat(config.amiSecret()).isEqualTo("s3cret");
        assertThat(config.serverName()).isEqualTo("pbx");
        assertThat(config.requireTimestamp()).isTrue();
        assertThat(config.handOffCapacity()).isEqualTo(10_000);
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void optionalVariablesOverrideTheDefaults() {
        var env = new java.util.HashMap<>(MINIMAL);
        env.put("RINGSTREAM_AMI_PORT", "15038");
        env.put("RINGSTREAM_AMI_SERVER_NAME", "pbx-east");
        env.put("RINGSTREAM_AMI_REQUIRE_TIMESTAMP", "false");
        env.put("RINGSTREAM_AMI_HANDOFF_CAPACITY", "50");

        BridgeConfig config = BridgeConfig.fromEnv(env);

        assertThat(config.amiPort()).isEqualTo(15038);
        assertThat(config.serverName()).isEqualTo("pbx-east");
        assertThat(config.requireTimestamp()).isFalse();
        assertThat(config.handOffCapacity()).isEqualTo(50);
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(
                        () ->
                                BridgeConfig.fromEnv(
                                        Map.of(
                                                "RINGSTREAM_AMI_HOST", "pbx",
                                                "RINGSTREAM_AMI_PORT", "fifty")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RINGSTREAM_KAFKA_BOOTSTRAP is required")
                .hasMessageContaining("RINGSTREAM_AMI_USER is required")
                .hasMessageContaining("set RINGSTREAM_AMI_SECRET or RINGSTREAM_AMI_SECRET_FILE")
                .hasMessageContaining("RINGSTREAM_AMI_PORT must be a number");
        var env = new java.util.HashMap<>(MINIMAL);
        env.put("RINGSTREAM_AMI_PORT", "70000");
        assertThatThrownBy(() -> BridgeConfig.fromEnv(env))
                .hasMessageContaining("amiPort must be 1..65535");
    }

    @Test
    void theSecretIsNeverPrinted() {
        assertThat(BridgeConfig.fromEnv(MINIMAL).toString())
                .doesNotContain("s3cret")
                .contains("ringstream:***@pbx.example:5038");
    }

    @Test
    void theSecretMayComeFromAFileAndNeverFromBoth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ami-secret");
        Files.writeString(file, "from-a-file\n");
        Map<String, String> env = new HashMap<>(MINIMAL);
        env.remove("RINGSTREAM_AMI_SECRET");
        env.put("RINGSTREAM_AMI_SECRET_FILE", file.toString());

        BridgeConfig config = BridgeConfig.fromEnv(env);

        assertThat(config.amiSecret()).isEqualTo("from-a-file");
        assertThat(config.toString()).doesNotContain("from-a-file");
        env.put("RINGSTREAM_AMI_SECRET", "s3cret");
        assertThatThrownBy(() -> BridgeConfig.fromEnv(env))
                .hasMessageContaining("not both")
                .hasMessageNotContaining("s3cret")
                .hasMessageNotContaining("from-a-file");
    }

    @Test
    void anUnreadableSecretFileIsNamedWithoutAValue() {
        Map<String, String> env = new HashMap<>(MINIMAL);
        env.remove("RINGSTREAM_AMI_SECRET");
        env.put("RINGSTREAM_AMI_SECRET_FILE", "/nonexistent/ami-secret");

        assertThatThrownBy(() -> BridgeConfig.fromEnv(env))
                .hasMessageContaining("RINGSTREAM_AMI_SECRET_FILE");
    }
}
