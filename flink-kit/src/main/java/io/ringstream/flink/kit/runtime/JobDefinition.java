package io.ringstream.flink.kit.runtime;

import io.ringstream.clickhouse.ClickHouseMigrator;
import io.ringstream.events.topics.Topic;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What makes a Ringstream job a job: its names, the variables it reads, the topics it reads and its
 * production wiring. The start-up every job shares (read the variables, resume from the newest
 * retained checkpoint, migrate ClickHouse, run) is written once here, so each job's {@code main} is
 * one line and the launcher starts every job the same way.
 *
 * @param name the job name Flink shows
 * @param component how the job names itself in dead letters ({@code Components})
 * @param consumerGroup its Kafka consumer group (offsets live in checkpoints; the group is for
 *     monitoring)
 * @param checkpointDirVariable the variable naming its checkpoint directory
 * @param restorePathVariable the variable naming a checkpoint or savepoint to start from
 * @param inputs the registry topics it reads, for the check that each topic has one reader that
 *     reports its malformed records
 * @param settings reads the job's own settings; with no variables set, the defaults
 * @param production the job on the registry's topics and tables
 * @param <S> the job's settings record
 */
public record JobDefinition<S extends Serializable>(
        String name,
        String component,
        String consumerGroup,
        String checkpointDirVariable,
        String restorePathVariable,
        List<Topic<?>> inputs,
        Function<JobVariables, S> settings,
        Function<JobConfig<S>, PipelineJob<S, ?>> production) {

    private static final Logger LOG = LoggerFactory.getLogger(JobDefinition.class);

    public JobDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(production, "production");
    }

    /** The default settings on the given Kafka and ClickHouse, 10 s checkpoints kept in memory. */
    public JobConfig<S> defaults(String kafkaBootstrap, String clickHouseUrl) {
        return new JobConfig<>(
                JobWiring.defaults(kafkaBootstrap, clickHouseUrl, consumerGroup),
                settings.apply(JobVariables.of(Map.of())));
    }

    /**
     * The config the variables describe: {@code RINGSTREAM_KAFKA_BOOTSTRAP} and {@code
     * RINGSTREAM_CLICKHOUSE_URL} (required), the checkpoint variables, and the job's own.
     *
     * @throws IllegalArgumentException naming the missing or malformed variable
     */
    public JobConfig<S> configure(JobVariables variables) {
        JobWiring wiring =
                JobWiring.from(
                        variables, consumerGroup, checkpointDirVariable, restorePathVariable);
        return new JobConfig<>(wiring, settings.apply(variables));
    }

    /** The production job for a config. */
    public PipelineJob<S, ?> job(JobConfig<S> config) {
        return production.apply(config);
    }

    /**
     * For the launcher and tests: applies the ClickHouse migrations, then submits the production
     * job to {@code env} and returns at once.
     */
    public JobClient startLocal(JobConfig<S> config, StreamExecutionEnvironment env)
            throws Exception {
        ClickHouseMigrator.migrate(config.clickHouseUrl(), config.clickHouseLogin().credentials());
        return job(config).executeAsync(env);
    }

    /**
     * A cluster's entry point: configuration from program arguments over environment variables;
     * without a restore path it resumes from the newest retained checkpoint in its checkpoint
     * directory; migrates ClickHouse (as the user and password of this process's environment, see
     * {@link io.ringstream.flink.kit.clickhouse.ClickHouseLogin}); runs until the job ends (under
     * {@code flink run -d}, until it is submitted).
     */
    public void main(String[] args) throws Exception {
        JobVariables variables = JobVariables.of(args, System.getenv());
        JobConfig<S> config = configure(variables);
        variables.rejectUnknownFlags();
        if (config.checkpointing().restorePath() == null) {
            config = config.resumingFromLatestCheckpoint();
        }
        List<String> applied =
                ClickHouseMigrator.migrate(
                        config.clickHouseUrl(), config.clickHouseLogin().credentials());
        LOG.info("ClickHouse migrations applied at start-up: {}", applied);
        job(config).execute(StreamExecutionEnvironment.getExecutionEnvironment());
    }
}
