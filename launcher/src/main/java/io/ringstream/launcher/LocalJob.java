package io.ringstream.launcher;

import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.kit.runtime.JobDefinition;
import java.io.Serializable;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink job as local mode runs it: in its own MiniCluster, checkpointing under its own directory,
 * resumed from its newest savepoint or checkpoint on the next {@code up}.
 *
 * @param name its directory under {@code flink/} in the data directory
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

    /**
     * A job with its defaults on local Kafka and ClickHouse, changed by {@code local}.
     *
     * @param local local mode's own adjustments of the defaults, if any
     */
    static <S extends Serializable> LocalJob of(
            String name,
            int parallelism,
            JobDefinition<S> definition,
            String kafka,
            String clickHouseUrl,
            UnaryOperator<JobConfig<S>> local) {
        return new LocalJob(
                name,
                parallelism,
                (checkpoints, restore, env) ->
                        definition.startLocal(
                                local.apply(definition.defaults(kafka, clickHouseUrl))
                                        .withCheckpointDir(checkpoints)
                                        .withRestorePath(restore.orElse(null)),
                                env));
    }
}
