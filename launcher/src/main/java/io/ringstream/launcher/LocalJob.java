package io.ringstream.launcher;

import java.util.Optional;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink job as local mode runs it: in its own MiniCluster, checkpointing under its own directory,
 * resumed from its newest savepoint or checkpoint on the next {@code up}.
 *
 * @param parallelism slots of its MiniCluster; the jobs share 2 cores, so most run with 1
 */
record LocalJob(String name, int parallelism, Starter starter) {

    /** Submits the job; {@code restorePath} is empty on a fresh data dir. */
    @FunctionalInterface
    interface Starter {
        JobClient start(
                String checkpointDir, Optional<String> restorePath, StreamExecutionEnvironment env)
                throws Exception;
    }
}
