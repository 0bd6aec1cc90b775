package io.ringstream.flink.kit.runtime;

import io.ringstream.flink.kit.checkpoint.Checkpointing;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Objects;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.LoggerFactory;

/**
 * What every Ringstream job does the same way, so a job only says what its pipeline is: it holds
 * the job's endpoints (a record of its sources and sinks, production's or a test's) and its config,
 * applies checkpointing, and submits (for the launcher and tests) or runs until the job ends (for a
 * cluster's {@code main}).
 *
 * @param <S> the job's settings
 * @param <E> the record of the job's sources and sinks; none may be null
 */
public abstract class PipelineJob<S extends Serializable, E extends Record> {
    private final String name;
    private final E endpoints;
    private final JobConfig<S> config;

    /**
     * @param name the job name Flink shows
     * @throws NullPointerException naming an endpoint that is missing
     */
    protected PipelineJob(String name, E endpoints, JobConfig<S> config) {
        this.name = Objects.requireNonNull(name, "name");
        this.endpoints = requireEveryComponent(endpoints);
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Adds the pipeline to {@code env}; does not touch checkpointing. */
    protected abstract void build(StreamExecutionEnvironment env);

    /** Job-specific environment settings beyond checkpointing (e.g. latency over throughput). */
    protected void tune(StreamExecutionEnvironment env) {}

    /** The job name Flink shows. */
    public final String name() {
        return name;
    }

    public final Checkpointing checkpointing() {
        return config.checkpointing();
    }

    protected final E endpoints() {
        return endpoints;
    }

    protected final JobConfig<S> config() {
        return config;
    }

    protected final S settings() {
        return config.settings();
    }

    /** Configures {@code env}, builds the pipeline and submits it without waiting. */
    public final JobClient executeAsync(StreamExecutionEnvironment env) throws Exception {
        prepare(env);
        if (checkpointing().restorePath() != null) {
            LoggerFactory.getLogger(getClass())
                    .info("Starting {} from {}", name, checkpointing().restorePath());
        }
        return env.executeAsync(name);
    }

    /** Configures {@code env}, builds the pipeline and runs it until it ends. */
    public final JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        prepare(env);
        return env.execute(name);
    }

    private void prepare(StreamExecutionEnvironment env) {
        checkpointing().applyTo(env);
        tune(env);
        build(env);
    }

    private static <E extends Record> E requireEveryComponent(E endpoints) {
        Objects.requireNonNull(endpoints, "endpoints");
        for (RecordComponent component : endpoints.getClass().getRecordComponents()) {
            try {
                Objects.requireNonNull(
                        component.getAccessor().invoke(endpoints), component.getName());
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException(
                        "cannot read endpoint " + component.getName(), e);
            }
        }
        return endpoints;
    }
}
