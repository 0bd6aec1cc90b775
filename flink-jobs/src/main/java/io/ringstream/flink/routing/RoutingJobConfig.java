package io.ringstream.flink.routing;

import io.ringstream.flink.clickhouse.RingstreamTables.SinkTuning;
import io.ringstream.flink.runtime.Checkpointing;
import io.ringstream.routing.core.RoutingConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@link RoutingJob} is configured with, for main(), the launcher and tests alike.
 *
 * @param consumerGroup Kafka consumer group (offsets live in checkpoints; the group is for
 *     monitoring)
 * @param startFromMillis without a checkpoint, commands, contact events and alerts are read from
 *     this time on (routing is live: older inputs are stale); business events always from the
 *     beginning, to learn CRM facts. Taken when the config is created.
 * @param checkpointDir where checkpoints are kept; null keeps them in memory only
 * @param restorePath a retained checkpoint or savepoint to start from
 */
public record RoutingJobConfig(
        String kafkaBootstrap,
        String clickHouseUrl,
        String consumerGroup,
        RoutingSettings settings,
        long startFromMillis,
        Duration checkpointInterval,
        String checkpointDir,
        String restorePath,
        SinkTuning sinkTuning)
        implements Serializable {

    public static final String ENV_KAFKA_BOOTSTRAP = "RINGSTREAM_KAFKA_BOOTSTRAP";
    public static final String ENV_CLICKHOUSE_URL = "RINGSTREAM_CLICKHOUSE_URL";
    public static final String ENV_POLICIES = "RINGSTREAM_ROUTING_POLICIES";
    public static final String ENV_CHECKPOINT_DIR = "RINGSTREAM_CHECKPOINT_DIR";
    public static final String ENV_RESTORE_PATH = "RINGSTREAM_RESTORE_PATH";
    public static final String DEFAULT_CONSUMER_GROUP = "ringstream-routing";

    public RoutingJobConfig {
        requireText(kafkaBootstrap, "kafkaBootstrap");
        requireText(clickHouseUrl, "clickHouseUrl");
        requireText(consumerGroup, "consumerGroup");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(sinkTuning, "sinkTuning");
        if (checkpointInterval == null
                || checkpointInterval.isNegative()
                || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("checkpointInterval must be > 0");
        }
    }

    /**
     * Default policies for every queue ({@link RoutingConfig#of()}), 10 s checkpoints, reading live
     * inputs from now on.
     */
    public static RoutingJobConfig defaults(String kafkaBootstrap, String clickHouseUrl) {
        return new RoutingJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                DEFAULT_CONSUMER_GROUP,
                RoutingSettings.defaults(RoutingConfig.of()),
                System.currentTimeMillis(),
                Duration.ofSeconds(10),
                null,
                null,
                SinkTuning.DEFAULT);
    }

    /**
     * Reads {@code RINGSTREAM_KAFKA_BOOTSTRAP} and {@code RINGSTREAM_CLICKHOUSE_URL} (required),
     * {@code RINGSTREAM_ROUTING_POLICIES} (a JSON file, see {@link RoutingPolicies}), {@code
     * RINGSTREAM_CHECKPOINT_DIR} and {@code RINGSTREAM_RESTORE_PATH} (optional).
     */
    public static RoutingJobConfig fromEnv(Map<String, String> env) {
        String kafka = env.get(ENV_KAFKA_BOOTSTRAP);
        String clickHouse = env.get(ENV_CLICKHOUSE_URL);
        if (kafka == null || kafka.isBlank()) {
            throw new IllegalArgumentException(ENV_KAFKA_BOOTSTRAP + " is required");
        }
        if (clickHouse == null || clickHouse.isBlank()) {
            throw new IllegalArgumentException(ENV_CLICKHOUSE_URL + " is required");
        }
        RoutingJobConfig config = defaults(kafka.trim(), clickHouse.trim());
        String policies = env.get(ENV_POLICIES);
        if (policies != null && !policies.isBlank()) {
            config = config.withRouting(RoutingPolicies.fromFile(Path.of(policies.trim())));
        }
        String dir = env.get(ENV_CHECKPOINT_DIR);
        if (dir != null && !dir.isBlank()) {
            config = config.withCheckpointDir(dir.trim());
        }
        String restore = env.get(ENV_RESTORE_PATH);
        if (restore != null && !restore.isBlank()) {
            config = config.withRestorePath(restore.trim());
        }
        return config;
    }

    public RoutingJobConfig withRouting(RoutingConfig routing) {
        return withSettings(settings.withRouting(routing));
    }

    public RoutingJobConfig withSettings(RoutingSettings newSettings) {
        return new RoutingJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                consumerGroup,
                newSettings,
                startFromMillis,
                checkpointInterval,
                checkpointDir,
                restorePath,
                sinkTuning);
    }

    public RoutingJobConfig withConsumerGroup(String group) {
        return new RoutingJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                group,
                settings,
                startFromMillis,
                checkpointInterval,
                checkpointDir,
                restorePath,
                sinkTuning);
    }

    public RoutingJobConfig withStartFrom(long millis) {
        return new RoutingJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                consumerGroup,
                settings,
                millis,
                checkpointInterval,
                checkpointDir,
                restorePath,
                sinkTuning);
    }

    public RoutingJobConfig withCheckpointInterval(Duration every) {
        return withCheckpointing(checkpointing().withInterval(every));
    }

    /** A {@code file:///…} URI or a local path. */
    public RoutingJobConfig withCheckpointDir(String dir) {
        return withCheckpointing(checkpointing().withDir(dir));
    }

    /** A retained checkpoint ({@code …/chk-<n>}) or savepoint; null starts empty. */
    public RoutingJobConfig withRestorePath(String path) {
        return withCheckpointing(checkpointing().withRestorePath(path));
    }

    public RoutingJobConfig withSinkTuning(SinkTuning tuning) {
        return new RoutingJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                consumerGroup,
                settings,
                startFromMillis,
                checkpointInterval,
                checkpointDir,
                restorePath,
                tuning);
    }

    /** Restores from the newest complete checkpoint under {@link #checkpointDir}, if any. */
    public RoutingJobConfig resumingFromLatestCheckpoint() {
        return withCheckpointing(checkpointing().resumingFromLatest());
    }

    /** The checkpoint settings, as every job applies them. */
    public Checkpointing checkpointing() {
        return new Checkpointing(checkpointInterval, checkpointDir, restorePath);
    }

    private RoutingJobConfig withCheckpointing(Checkpointing c) {
        return new RoutingJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                consumerGroup,
                settings,
                startFromMillis,
                c.interval(),
                c.dir(),
                c.restorePath(),
                sinkTuning);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
