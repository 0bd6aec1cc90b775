package io.ringstream.flink.kit.runtime;

import io.ringstream.flink.kit.checkpoint.Checkpointing;
import io.ringstream.flink.kit.clickhouse.ClickHouseLogin;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything one job runs with: the wiring every job shares (Kafka, ClickHouse, consumer group,
 * checkpoints, sink batching) and the job's own settings record. One shape for every job, so
 * main(), the launcher and tests configure each the same way.
 *
 * @param <S> the job's settings (e.g. the SLA job's targets and event-time bounds)
 */
public record JobConfig<S extends Serializable>(JobWiring wiring, S settings)
        implements Serializable {

    public JobConfig {
        Objects.requireNonNull(wiring, "wiring");
        Objects.requireNonNull(settings, "settings");
    }

    public String kafkaBootstrap() {
        return wiring.kafkaBootstrap();
    }

    public String clickHouseUrl() {
        return wiring.clickHouseUrl();
    }

    public String consumerGroup() {
        return wiring.consumerGroup();
    }

    public ClickHouseLogin clickHouseLogin() {
        return wiring.clickHouseLogin();
    }

    public SinkTuning sinkTuning() {
        return wiring.sinkTuning();
    }

    public Checkpointing checkpointing() {
        return wiring.checkpointing();
    }

    public JobConfig<S> withSettings(S newSettings) {
        return new JobConfig<>(wiring, newSettings);
    }

    /** This config with its settings changed, e.g. {@code c.withSettings(s -> s.withX(...))}. */
    public JobConfig<S> withSettings(UnaryOperator<S> change) {
        return withSettings(change.apply(settings));
    }

    public JobConfig<S> withWiring(UnaryOperator<JobWiring> change) {
        return new JobConfig<>(change.apply(wiring), settings);
    }

    public JobConfig<S> withConsumerGroup(String group) {
        return withWiring(w -> w.withConsumerGroup(group));
    }

    public JobConfig<S> withSinkTuning(SinkTuning tuning) {
        return withWiring(w -> w.withSinkTuning(tuning));
    }

    public JobConfig<S> withCheckpointInterval(Duration every) {
        return withCheckpointing(c -> c.withInterval(every));
    }

    /** A {@code file:///…} URI, another Flink file system URI, or a local path. */
    public JobConfig<S> withCheckpointDir(String dir) {
        return withCheckpointing(c -> c.withDir(dir));
    }

    /** A retained checkpoint ({@code …/chk-<n>}) or savepoint directory; null starts empty. */
    public JobConfig<S> withRestorePath(String path) {
        return withCheckpointing(c -> c.withRestorePath(path));
    }

    /**
     * Restores from the newest complete checkpoint under the local checkpoint directory, if any;
     * otherwise unchanged. For restarting a local run with its state.
     */
    public JobConfig<S> resumingFromLatestCheckpoint() {
        return withCheckpointing(Checkpointing::resumingFromLatest);
    }

    private JobConfig<S> withCheckpointing(UnaryOperator<Checkpointing> change) {
        return withWiring(w -> w.withCheckpointing(change.apply(w.checkpointing())));
    }
}
