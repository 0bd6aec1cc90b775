package io.ringstream.flink.kit.runtime;

import io.ringstream.flink.kit.checkpoint.Checkpointing;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.LoggerFactory;

/**
 * What every Ringstream job does the same way: apply its checkpointing, add its pipeline, then
 * submit (for the launcher and tests) or run until it ends (for a cluster's {@code main}). Jobs
 * only say what their pipeline is.
 */
public interface PipelineJob {

    /** The job name Flink shows. */
    String name();

    Checkpointing checkpointing();

    /** Adds the pipeline to {@code env}; does not touch checkpointing. */
    void build(StreamExecutionEnvironment env);

    /** Job-specific environment settings beyond checkpointing (e.g. latency over throughput). */
    default void tune(StreamExecutionEnvironment env) {}

    /** Configures {@code env}, builds the pipeline and submits it without waiting. */
    default JobClient executeAsync(StreamExecutionEnvironment env) throws Exception {
        prepare(env);
        if (checkpointing().restorePath() != null) {
            LoggerFactory.getLogger(getClass())
                    .info("Starting {} from {}", name(), checkpointing().restorePath());
        }
        return env.executeAsync(name());
    }

    /** Configures {@code env}, builds the pipeline and runs it until it ends. */
    default JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        prepare(env);
        return env.execute(name());
    }

    private void prepare(StreamExecutionEnvironment env) {
        checkpointing().applyTo(env);
        tune(env);
        build(env);
    }
}
