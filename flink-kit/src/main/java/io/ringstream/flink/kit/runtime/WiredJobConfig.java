package io.ringstream.flink.kit.runtime;

import io.ringstream.flink.kit.checkpoint.Checkpointing;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import java.time.Duration;

/**
 * A job config that holds a {@link JobWiring}: the wiring's settings are read and changed through
 * the config the same way for every job, and each config only writes {@link #withWiring}.
 *
 * @param <C> the config type, so the withers return it
 */
public interface WiredJobConfig<C extends WiredJobConfig<C>> {

    JobWiring wiring();

    /** This config with another wiring; everything job-specific unchanged. */
    C withWiring(JobWiring wiring);

    default String kafkaBootstrap() {
        return wiring().kafkaBootstrap();
    }

    default String clickHouseUrl() {
        return wiring().clickHouseUrl();
    }

    default String consumerGroup() {
        return wiring().consumerGroup();
    }

    default SinkTuning sinkTuning() {
        return wiring().sinkTuning();
    }

    /** The checkpoint settings, as {@link PipelineJob} applies them. */
    default Checkpointing checkpointing() {
        return wiring().checkpointing();
    }

    default String checkpointDir() {
        return checkpointing().dir();
    }

    default String restorePath() {
        return checkpointing().restorePath();
    }

    default C withConsumerGroup(String group) {
        return withWiring(wiring().withConsumerGroup(group));
    }

    default C withSinkTuning(SinkTuning tuning) {
        return withWiring(wiring().withSinkTuning(tuning));
    }

    default C withCheckpointInterval(Duration every) {
        return withWiring(wiring().withCheckpointing(checkpointing().withInterval(every)));
    }

    /** A {@code file:///…} URI, another Flink file system URI, or a local path. */
    default C withCheckpointDir(String dir) {
        return withWiring(wiring().withCheckpointing(checkpointing().withDir(dir)));
    }

    /** A retained checkpoint ({@code …/chk-<n>}) or savepoint directory; null starts empty. */
    default C withRestorePath(String path) {
        return withWiring(wiring().withCheckpointing(checkpointing().withRestorePath(path)));
    }

    /**
     * Restores from the newest complete checkpoint under the local {@link #checkpointDir}, if any;
     * otherwise unchanged. For restarting a local run with its state.
     */
    default C resumingFromLatestCheckpoint() {
        return withWiring(wiring().withCheckpointing(checkpointing().resumingFromLatest()));
    }
}
