package io.ringstream.flink.kit.runtime;

import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.flink.kit.checkpoint.Checkpointing;
import io.ringstream.flink.kit.clickhouse.ClickHouseLogin;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * What every Ringstream job is wired to, whatever it computes: the Kafka it reads, the ClickHouse
 * it writes, its consumer group, how it checkpoints, and how its sinks batch. One value, so the
 * jobs do not each carry and validate the same five settings.
 *
 * @param kafkaBootstrap Kafka bootstrap servers
 * @param clickHouseUrl legacy-driver JDBC URL of the ringstream database
 * @param consumerGroup Kafka consumer group (offsets live in checkpoints; the group is for
 *     monitoring)
 * @param checkpointing checkpoint interval, directory and restore path
 * @param sinkTuning batching and retries of the ClickHouse sinks
 * @param clickHouseLogin where connecting processes read the ClickHouse user and password (never
 *     the password itself, so it stays out of everything Flink serializes or prints)
 */
public record JobWiring(
        String kafkaBootstrap,
        String clickHouseUrl,
        String consumerGroup,
        Checkpointing checkpointing,
        SinkTuning sinkTuning,
        ClickHouseLogin clickHouseLogin)
        implements Serializable {

    public static final String ENV_KAFKA_BOOTSTRAP = "RINGSTREAM_KAFKA_BOOTSTRAP";
    public static final String ENV_CLICKHOUSE_URL = "RINGSTREAM_CLICKHOUSE_URL";
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    public JobWiring {
        ConfigChecks.requireText(kafkaBootstrap, "kafkaBootstrap");
        ConfigChecks.requireText(clickHouseUrl, "clickHouseUrl");
        // The wiring is serialized into the job and printed: a password must not ride in the URL.
        ClickHouseJdbc.requireNoPasswordIn(clickHouseUrl);
        ConfigChecks.requireText(consumerGroup, "consumerGroup");
        Objects.requireNonNull(checkpointing, "checkpointing");
        Objects.requireNonNull(sinkTuning, "sinkTuning");
        Objects.requireNonNull(clickHouseLogin, "clickHouseLogin");
        ConfigChecks.requireDuration(checkpointing.interval(), "checkpointInterval", false);
    }

    /**
     * Checkpoints every 10 s kept in memory, nothing to restore, default sink batching, ClickHouse
     * without a password (local mode and tests).
     */
    public static JobWiring defaults(
            String kafkaBootstrap, String clickHouseUrl, String consumerGroup) {
        return new JobWiring(
                kafkaBootstrap,
                clickHouseUrl,
                consumerGroup,
                new Checkpointing(DEFAULT_CHECKPOINT_INTERVAL, null, null),
                SinkTuning.DEFAULT,
                ClickHouseLogin.NONE);
    }

    /**
     * Reads {@code RINGSTREAM_KAFKA_BOOTSTRAP} and {@code RINGSTREAM_CLICKHOUSE_URL} (required),
     * and the job's own checkpoint-directory and restore-path variables (optional). ClickHouse
     * credentials are {@link ClickHouseLogin#ENVIRONMENT}: each connecting process reads them from
     * its environment, never from a program flag.
     *
     * @throws IllegalArgumentException naming a missing variable
     */
    public static JobWiring from(
            JobVariables variables,
            String consumerGroup,
            String checkpointDirVariable,
            String restorePathVariable) {
        Checkpointing checkpointing =
                new Checkpointing(DEFAULT_CHECKPOINT_INTERVAL, null, null)
                        .withDir(variables.text(checkpointDirVariable).orElse(null))
                        .withRestorePath(variables.text(restorePathVariable).orElse(null));
        return new JobWiring(
                variables.required(ENV_KAFKA_BOOTSTRAP),
                variables.required(ENV_CLICKHOUSE_URL),
                consumerGroup,
                checkpointing,
                SinkTuning.DEFAULT,
                ClickHouseLogin.ENVIRONMENT);
    }

    public JobWiring withConsumerGroup(String group) {
        return new JobWiring(
                kafkaBootstrap, clickHouseUrl, group, checkpointing, sinkTuning, clickHouseLogin);
    }

    public JobWiring withCheckpointing(Checkpointing c) {
        return new JobWiring(
                kafkaBootstrap, clickHouseUrl, consumerGroup, c, sinkTuning, clickHouseLogin);
    }

    public JobWiring withSinkTuning(SinkTuning tuning) {
        return new JobWiring(
                kafkaBootstrap,
                clickHouseUrl,
                consumerGroup,
                checkpointing,
                tuning,
                clickHouseLogin);
    }

    public JobWiring withClickHouseLogin(ClickHouseLogin login) {
        return new JobWiring(
                kafkaBootstrap, clickHouseUrl, consumerGroup, checkpointing, sinkTuning, login);
    }
}
