package io.ringstream.sentiment.job;

import io.ringstream.flink.clickhouse.RingstreamTables.SinkTuning;
import io.ringstream.flink.runtime.Checkpointing;
import io.ringstream.sentiment.ModelAssignment;
import io.ringstream.sentiment.SentimentScorer;
import io.ringstream.sentiment.SharedModels;
import io.ringstream.sentiment.rolling.AlertPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the sentiment job can be tuned with, in one immutable value, so main(), the launcher
 * and tests configure it the same way.
 *
 * @param models which model scores which language, e.g. {@code en=corenlp,es=lexicon-es}
 * @param policy rolling-score smoothing and alert rules
 * @param scoringThreads threads per scoring operator instance; models are shared per JVM
 * @param asyncCapacity utterances in flight per scoring operator instance (back-pressure beyond)
 * @param scoringTimeout an utterance not scored within this is stored unscored ("timed out")
 * @param maxChars longer utterances are cut to this many characters before scoring
 * @param outOfOrderness how far event time may go backwards (watermarks)
 * @param sourceIdleness a partition without records this long stops holding back the watermark
 * @param lingerAfterEnd a conversation's state outlives its contact's ENDED event by this much
 *     event time, so late transcript segments still count
 * @param inactivityTimeout state of conversations with no ENDED is dropped after this much event
 *     time without an utterance or contact event
 * @param alertMaxAge an alert whose utterance is older than this (processing time minus event time,
 *     e.g. when a new job re-reads the topic) is stored but not pushed to supervisors
 * @param checkpointDir where checkpoints are retained; null keeps them in memory
 * @param restorePath a retained checkpoint or savepoint to start from; null starts empty
 */
public record SentimentJobConfig(
        String kafkaBootstrap,
        String clickHouseUrl,
        String consumerGroup,
        String models,
        AlertPolicy policy,
        int scoringThreads,
        int asyncCapacity,
        Duration scoringTimeout,
        int maxChars,
        Duration outOfOrderness,
        Duration sourceIdleness,
        Duration lingerAfterEnd,
        Duration inactivityTimeout,
        Duration alertMaxAge,
        Duration checkpointInterval,
        String checkpointDir,
        String restorePath,
        SinkTuning sinkTuning,
        boolean deadLettersToClickHouse)
        implements Serializable {

    public static final String ENV_KAFKA_BOOTSTRAP = "RINGSTREAM_KAFKA_BOOTSTRAP";
    public static final String ENV_CLICKHOUSE_URL = "RINGSTREAM_CLICKHOUSE_URL";
    public static final String ENV_MODELS = "RINGSTREAM_SENTIMENT_MODELS";
    public static final String ENV_THRESHOLD = "RINGSTREAM_SENTIMENT_THRESHOLD";
    public static final String ENV_DROP = "RINGSTREAM_SENTIMENT_DROP";
    public static final String ENV_THREADS = "RINGSTREAM_SENTIMENT_THREADS";
    public static final String ENV_CHECKPOINT_DIR = "RINGSTREAM_CHECKPOINT_DIR";
    public static final String ENV_RESTORE_PATH = "RINGSTREAM_RESTORE_PATH";

    public static final String DEFAULT_CONSUMER_GROUP = "ringstream-sentiment";

    public SentimentJobConfig {
        requireText(kafkaBootstrap, "kafkaBootstrap");
        requireText(clickHouseUrl, "clickHouseUrl");
        requireText(consumerGroup, "consumerGroup");
        // Fail at configuration time, not when a task manager opens the scoring operator.
        ModelAssignment.parse(models)
                .forEach(
                        (language, spec) -> {
                            if (!SharedModels.isKnownSpec(spec)) {
                                throw new IllegalArgumentException(
                                        "unknown sentiment model '"
                                                + spec
                                                + "' for "
                                                + language
                                                + ": use corenlp, lexicon-es, lexicon-en or"
                                                + " djl:/model/dir");
                            }
                        });
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(sinkTuning, "sinkTuning");
        if (scoringThreads < 1 || asyncCapacity < 1 || maxChars < 1) {
            throw new IllegalArgumentException(
                    "scoringThreads, asyncCapacity and maxChars must be positive");
        }
        for (Duration d :
                new Duration[] {
                    scoringTimeout,
                    sourceIdleness,
                    inactivityTimeout,
                    alertMaxAge,
                    checkpointInterval
                }) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive but got " + d);
            }
        }
        if (outOfOrderness == null || outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("outOfOrderness must be >= 0");
        }
        if (lingerAfterEnd == null || lingerAfterEnd.isNegative()) {
            throw new IllegalArgumentException("lingerAfterEnd must be >= 0");
        }
    }

    /**
     * The defaults: CoreNLP for English, the lexicon model for Spanish, {@link
     * AlertPolicy#DEFAULT}.
     */
    public static SentimentJobConfig defaults(String kafkaBootstrap, String clickHouseUrl) {
        return new SentimentJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                DEFAULT_CONSUMER_GROUP,
                ModelAssignment.DEFAULT,
                AlertPolicy.DEFAULT,
                2,
                100,
                Duration.ofSeconds(30),
                SentimentScorer.DEFAULT_MAX_CHARS,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(2),
                Duration.ofHours(2),
                Duration.ofMinutes(15),
                Duration.ofSeconds(10),
                null,
                null,
                SinkTuning.DEFAULT,
                true);
    }

    /**
     * Reads {@code RINGSTREAM_KAFKA_BOOTSTRAP} and {@code RINGSTREAM_CLICKHOUSE_URL} (required),
     * {@code RINGSTREAM_SENTIMENT_MODELS} (default {@value ModelAssignment#DEFAULT}), {@code
     * RINGSTREAM_SENTIMENT_THRESHOLD} (-0.3), {@code RINGSTREAM_SENTIMENT_DROP} (amount/turns,
     * default {@code 0.5/3}), {@code RINGSTREAM_SENTIMENT_THREADS} (2), {@code
     * RINGSTREAM_CHECKPOINT_DIR} and {@code RINGSTREAM_RESTORE_PATH} (optional).
     *
     * @throws IllegalArgumentException naming the missing or malformed variable
     */
    public static SentimentJobConfig fromEnv(Map<String, String> env) {
        String kafka = env.get(ENV_KAFKA_BOOTSTRAP);
        String clickHouse = env.get(ENV_CLICKHOUSE_URL);
        if (kafka == null || kafka.isBlank()) {
            throw new IllegalArgumentException(ENV_KAFKA_BOOTSTRAP + " is required");
        }
        if (clickHouse == null || clickHouse.isBlank()) {
            throw new IllegalArgumentException(ENV_CLICKHOUSE_URL + " is required");
        }
        SentimentJobConfig c = defaults(kafka.trim(), clickHouse.trim());
        String models = env.get(ENV_MODELS);
        if (models != null && !models.isBlank()) {
            c = c.withModels(models.trim());
        }
        AlertPolicy policy = c.policy;
        String threshold = env.get(ENV_THRESHOLD);
        if (threshold != null && !threshold.isBlank()) {
            policy = policy.withThreshold(number(ENV_THRESHOLD, threshold));
        }
        String drop = env.get(ENV_DROP);
        if (drop != null && !drop.isBlank()) {
            String[] parts = drop.trim().split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException(
                        ENV_DROP + " must be amount/turns, e.g. 0.5/3, but was '" + drop + "'");
            }
            policy = policy.withDrop(number(ENV_DROP, parts[0]), (int) number(ENV_DROP, parts[1]));
        }
        c = c.withPolicy(policy);
        String threads = env.get(ENV_THREADS);
        if (threads != null && !threads.isBlank()) {
            c =
                    c.withScoring(
                            (int) number(ENV_THREADS, threads), c.asyncCapacity, c.scoringTimeout);
        }
        String checkpointDir = env.get(ENV_CHECKPOINT_DIR);
        if (checkpointDir != null && !checkpointDir.isBlank()) {
            c = c.withCheckpointDir(checkpointDir.trim());
        }
        String restore = env.get(ENV_RESTORE_PATH);
        if (restore != null && !restore.isBlank()) {
            c = c.withRestorePath(restore.trim());
        }
        return c;
    }

    /** Language → model spec. */
    public Map<String, String> modelAssignment() {
        return ModelAssignment.parse(models);
    }

    public SentimentJobConfig withModels(String assignment) {
        return new SentimentJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                consumerGroup,
                assignment,
                policy,
                scoringThreads,
                asyncCapacity,
                scoringTimeout,
                maxChars,
                outOfOrderness,
                sourceIdleness,
                lingerAfterEnd,
                inactivityTimeout,
                alertMaxAge,
                checkpointInterval,
                checkpointDir,
                restorePath,
                sinkTuning,
                deadLettersToClickHouse);
    }

    public SentimentJobConfig withConsumerGroup(String group) {
        return new SentimentJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                group,
                models,
                policy,
                scoringThreads,
                asyncCapacity,
                scoringTimeout,
                maxChars,
                outOfOrderness,
                sourceIdleness,
                lingerAfterEnd,
                inactivityTimeout,
                alertMaxAge,
                checkpointInterval,
                checkpointDir,
                restorePath,
                sinkTuning,
                deadLettersToClickHouse);
    }

    public SentimentJobConfig withPolicy(AlertPolicy newPolicy) {
        return new SentimentJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                consumerGroup,
                models,
                newPolicy,
                scoringThreads,
                asyncCapacity,
                scoringTimeout,
                maxChars,
                outOfOrderness,
                sourceIdleness,
                lingerAfterEnd,
                inactivityTimeout,
                alertMaxAge,
                checkpointInterval,
                checkpointDir,
                restorePath,
                sinkTuning,
                deadLettersToClickHouse);
    }

    /** Threads per operator instance, utterances in flight, and the per-utterance timeout. */
    public SentimentJobConfig withScoring(int threads, int capacity, Duration timeout) {
        return new SentimentJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                consumerGroup,
                models,
                policy,
                threads,
                capacity,
                timeout,
                maxChars,
                outOfOrderness,
                sourceIdleness,
                lingerAfterEnd,
                inactivityTimeout,
                alertMaxAge,
                checkpointInterval,
                checkpointDir,
                restorePath,
                sinkTuning,
                deadLettersToClickHouse);
    }

    /** Event-time bounds and state lifetimes. */
    public SentimentJobConfig withEventTime(
            Duration newOutOfOrderness,
            Duration newIdleness,
            Duration newLinger,
            Duration newInactivity) {
        return new SentimentJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                consumerGroup,
                models,
                policy,
                scoringThreads,
                asyncCapacity,
                scoringTimeout,
                maxChars,
                newOutOfOrderness,
                newIdleness,
                newLinger,
                newInactivity,
                alertMaxAge,
                checkpointInterval,
                checkpointDir,
                restorePath,
                sinkTuning,
                deadLettersToClickHouse);
    }

    public SentimentJobConfig withCheckpointInterval(Duration every) {
        return withCheckpointing(checkpointing().withInterval(every));
    }

    /** A {@code file:///…} URI, another Flink file system URI, or a local path. */
    public SentimentJobConfig withCheckpointDir(String dir) {
        return withCheckpointing(checkpointing().withDir(dir));
    }

    /**
     * Restores from the newest complete checkpoint under the local {@link #checkpointDir}, if any;
     * otherwise unchanged. For restarting a local run with its conversations' state and offsets.
     */
    public SentimentJobConfig resumingFromLatestCheckpoint() {
        return withCheckpointing(checkpointing().resumingFromLatest());
    }

    public SentimentJobConfig withRestorePath(String path) {
        return withCheckpointing(checkpointing().withRestorePath(path));
    }

    /** The checkpoint settings, as every job applies them. */
    public Checkpointing checkpointing() {
        return new Checkpointing(checkpointInterval, checkpointDir, restorePath);
    }

    private SentimentJobConfig withCheckpointing(Checkpointing c) {
        return new SentimentJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                consumerGroup,
                models,
                policy,
                scoringThreads,
                asyncCapacity,
                scoringTimeout,
                maxChars,
                outOfOrderness,
                sourceIdleness,
                lingerAfterEnd,
                inactivityTimeout,
                alertMaxAge,
                c.interval(),
                c.dir(),
                c.restorePath(),
                sinkTuning,
                deadLettersToClickHouse);
    }

    public SentimentJobConfig withSinkTuning(SinkTuning tuning) {
        return new SentimentJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                consumerGroup,
                models,
                policy,
                scoringThreads,
                asyncCapacity,
                scoringTimeout,
                maxChars,
                outOfOrderness,
                sourceIdleness,
                lingerAfterEnd,
                inactivityTimeout,
                alertMaxAge,
                checkpointInterval,
                checkpointDir,
                restorePath,
                tuning,
                deadLettersToClickHouse);
    }

    public SentimentJobConfig withDeadLettersToClickHouse(boolean enabled) {
        return new SentimentJobConfig(
                kafkaBootstrap,
                clickHouseUrl,
                consumerGroup,
                models,
                policy,
                scoringThreads,
                asyncCapacity,
                scoringTimeout,
                maxChars,
                outOfOrderness,
                sourceIdleness,
                lingerAfterEnd,
                inactivityTimeout,
                alertMaxAge,
                checkpointInterval,
                checkpointDir,
                restorePath,
                sinkTuning,
                enabled);
    }

    private static double number(String variable, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    variable + " must be a number but was '" + text + "'", e);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
