package io.ringstream.flink.routing;

import io.ringstream.flink.kit.runtime.ConfigChecks;
import io.ringstream.flink.kit.runtime.JobWiring;
import io.ringstream.flink.kit.runtime.WiredJobConfig;
import io.ringstream.routing.core.RoutingConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything {@link RoutingJob} is configured with, for main(), the launcher and tests alike.
 *
 * @param wiring Kafka, ClickHouse, consumer group, checkpointing and sink batching
 * @param settings queue policies and the engine's knobs
 * @param startFromMillis without a checkpoint, commands, contact events and alerts are read from
 *     this time on (routing is live: older inputs are stale); business events always from the
 *     beginning, to learn CRM facts. Taken when the config is created.
 */
public record RoutingJobConfig(JobWiring wiring, RoutingSettings settings, long startFromMillis)
        implements WiredJobConfig<RoutingJobConfig>, Serializable {

    public static final String ENV_POLICIES = "RINGSTREAM_ROUTING_POLICIES";
    public static final String ENV_CHECKPOINT_DIR = "RINGSTREAM_CHECKPOINT_DIR";
    public static final String ENV_RESTORE_PATH = "RINGSTREAM_RESTORE_PATH";
    public static final String DEFAULT_CONSUMER_GROUP = "ringstream-routing";

    public RoutingJobConfig {
        Objects.requireNonNull(wiring, "wiring");
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * Default policies for every queue ({@link RoutingConfig#of()}), 10 s checkpoints, reading live
     * inputs from now on.
     */
    public static RoutingJobConfig defaults(String kafkaBootstrap, String clickHouseUrl) {
        return new RoutingJobConfig(
                JobWiring.defaults(kafkaBootstrap, clickHouseUrl, DEFAULT_CONSUMER_GROUP),
                RoutingSettings.defaults(RoutingConfig.of()),
                System.currentTimeMillis());
    }

    /**
     * Reads {@code RINGSTREAM_KAFKA_BOOTSTRAP} and {@code RINGSTREAM_CLICKHOUSE_URL} (required),
     * {@code RINGSTREAM_ROUTING_POLICIES} (a JSON file, see {@link RoutingPolicies}), {@code
     * RINGSTREAM_CHECKPOINT_DIR} and {@code RINGSTREAM_RESTORE_PATH} (optional).
     */
    public static RoutingJobConfig fromEnv(Map<String, String> env) {
        JobWiring wiring =
                JobWiring.fromEnv(
                        env,
                        DEFAULT_CONSUMER_GROUP,
                        ENV_CHECKPOINT_DIR,
                        ENV_RESTORE_PATH,
                        UnaryOperator.identity());
        RoutingJobConfig config =
                new RoutingJobConfig(
                        wiring,
                        RoutingSettings.defaults(RoutingConfig.of()),
                        System.currentTimeMillis());
        String policies = ConfigChecks.variable(env, ENV_POLICIES);
        if (policies != null) {
            config = config.withRouting(RoutingPolicies.fromFile(Path.of(policies)));
        }
        return config;
    }

    @Override
    public RoutingJobConfig withWiring(JobWiring newWiring) {
        return new RoutingJobConfig(newWiring, settings, startFromMillis);
    }

    public RoutingJobConfig withRouting(RoutingConfig routing) {
        return withSettings(settings.withRouting(routing));
    }

    public RoutingJobConfig withSettings(RoutingSettings newSettings) {
        return new RoutingJobConfig(wiring, newSettings, startFromMillis);
    }

    public RoutingJobConfig withStartFrom(long millis) {
        return new RoutingJobConfig(wiring, settings, millis);
    }
}
