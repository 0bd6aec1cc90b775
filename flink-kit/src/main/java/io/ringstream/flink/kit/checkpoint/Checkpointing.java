package io.ringstream.flink.kit.checkpoint;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How every Ringstream job checkpoints and restores, in one place, so the jobs cannot drift apart
 * on exactly-once, retention or how a directory becomes a URI.
 *
 * <p>Validation of the interval stays with each job's config, which reports it in its own terms.
 *
 * @param interval exactly-once checkpoints this often
 * @param dir where checkpoints are kept and retained on cancellation (a URI); null keeps them in
 *     the JobManager's memory (nothing to restore from)
 * @param restorePath a retained checkpoint or savepoint to start from (a URI); null starts empty
 */
public record Checkpointing(Duration interval, String dir, String restorePath)
        implements Serializable {

    public Checkpointing withInterval(Duration every) {
        return new Checkpointing(every, dir, restorePath);
    }

    /** A {@code file:///…} URI, another Flink file system URI, or a local path; null for none. */
    public Checkpointing withDir(String dirOrUri) {
        return new Checkpointing(interval, dirOrUri == null ? null : toUri(dirOrUri), restorePath);
    }

    /** A retained checkpoint ({@code …/chk-<n>}) or savepoint directory; null starts empty. */
    public Checkpointing withRestorePath(String path) {
        return new Checkpointing(interval, dir, path == null ? null : toUri(path));
    }

    /**
     * Restores from the newest complete checkpoint under the local {@link #dir}, if any; otherwise
     * unchanged. For restarting a local run with its state.
     */
    public Checkpointing resumingFromLatest() {
        if (dir == null) {
            return this;
        }
        return Checkpoints.latestRetained(dir)
                .map(chk -> withRestorePath(chk.toUri().toString()))
                .orElse(this);
    }

    /**
     * Exactly-once checkpoints every {@link #interval}, retained on cancellation under {@link
     * #dir}, and the restore path if one is set.
     */
    public void applyTo(StreamExecutionEnvironment env) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (dir != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
        }
        if (restorePath != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
        }
        env.configure(conf);
        env.enableCheckpointing(interval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.getCheckpointConfig()
                .setExternalizedCheckpointRetention(
                        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    }

    private static String toUri(String dirOrUri) {
        return dirOrUri.contains(":/")
                ? dirOrUri
                : Path.of(dirOrUri).toAbsolutePath().toUri().toString();
    }
}
