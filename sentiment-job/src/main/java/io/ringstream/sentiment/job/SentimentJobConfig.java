package io.ringstream.sentiment.job;

import static io.ringstream.flink.kit.runtime.ConfigChecks.requireDuration;

import io.ringstream.flink.kit.runtime.JobWiring;
import io.ringstream.flink.kit.runtime.WiredJobConfig;
import io.ringstream.sentiment.ModelAssignment;
import io.ringstream.sentiment.SentimentScorer;
import io.ringstream.sentiment.SharedModels;
import io.ringstream.sentiment.rolling.AlertPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything the sentiment job can be tuned with, in one immutable value, so main(), the launcher
 * and tests configure it the same way.
 *
 * @param wiring Kafka, ClickHouse, consumer group, checkpointing (every 10 s) and sink batching
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
 * @param deadLettersToClickHouse also copy dead letters into {@code ringstream.dead_letters}
 */
public record SentimentJobConfig(
        JobWiring wiring,
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
        boolean deadLettersToClickHouse)
        implements WiredJobConfig<SentimentJobConfig>, Serializable {

    public static final String ENV_MODELS = "RINGSTREAM_SENTIMENT_MODELS";
    public static final String ENV_THRESHOLD = "RINGSTREAM_SENTIMENT_THRESHOLD";
    public static final String ENV_DROP = "RINGSTREAM_SENTIMENT_DROP";
    public static final String ENV_THREADS = "RINGSTREAM_SENTIMENT_THREADS";
    public static final String ENV_CHECKPOINT_DIR = "RINGSTREAM_CHECKPOINT_DIR";
    public static final String ENV_RESTORE_PATH = "RINGSTREAM_RESTORE_PATH";

    public static final String DEFAULT_CONSUMER_GROUP = "ringstream-sentiment";

    public SentimentJobConfig {
        Objects.requireNonNull(wiring, "wiring");
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
        if (scoringThreads < 1 || asyncCapacity < 1 || maxChars < 1) {
            throw new IllegalArgumentException(
                    "scoringThreads, asyncCapacity and maxChars must be positive");
        }
        requireDuration(scoringTimeout, "scoringTimeout", false);
        requireDuration(sourceIdleness, "sourceIdleness", false);
        requireDuration(inactivityTimeout, "inactivityTimeout", false);
        requireDuration(alertMaxAge, "alertMaxAge", false);
        requireDuration(outOfOrderness, "outOfOrderness", true);
        requireDuration(lingerAfterEnd, "lingerAfterEnd", true);
    }

    /**
     * The defaults: CoreNLP for English, the lexicon model for Spanish, {@link
     * AlertPolicy#DEFAULT}.
     */
    public static SentimentJobConfig defaults(String kafkaBootstrap, String clickHouseUrl) {
        return defaults(JobWiring.defaults(kafkaBootstrap, clickHouseUrl, DEFAULT_CONSUMER_GROUP));
    }

    private static SentimentJobConfig defaults(JobWiring wiring) {
        return new SentimentJobConfig(
                wiring,
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
        SentimentJobConfig c =
                defaults(
                        JobWiring.fromEnv(
                                env,
                                DEFAULT_CONSUMER_GROUP,
                                ENV_CHECKPOINT_DIR,
                                ENV_RESTORE_PATH,
                                UnaryOperator.identity()));
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
        return c;
    }

    /** Language → model spec. */
    public Map<String, String> modelAssignment() {
        return ModelAssignment.parse(models);
    }

    @Override
    public SentimentJobConfig withWiring(JobWiring newWiring) {
        return toBuilder().wiring(newWiring).build();
    }

    public SentimentJobConfig withModels(String assignment) {
        return toBuilder().models(assignment).build();
    }

    public SentimentJobConfig withPolicy(AlertPolicy newPolicy) {
        return toBuilder().policy(newPolicy).build();
    }

    /** Scoring threads and in-flight utterances per operator instance, and the scoring timeout. */
    public SentimentJobConfig withScoring(int threads, int capacity, Duration timeout) {
        return toBuilder()
                .scoringThreads(threads)
                .asyncCapacity(capacity)
                .scoringTimeout(timeout)
                .build();
    }

    /** Event-time bounds and state lifetimes. */
    public SentimentJobConfig withEventTime(
            Duration newOutOfOrderness,
            Duration newIdleness,
            Duration newLinger,
            Duration newInactivity) {
        return toBuilder()
                .outOfOrderness(newOutOfOrderness)
                .sourceIdleness(newIdleness)
                .lingerAfterEnd(newLinger)
                .inactivityTimeout(newInactivity)
                .build();
    }

    public SentimentJobConfig withDeadLettersToClickHouse(boolean enabled) {
        return toBuilder().deadLettersToClickHouse(enabled).build();
    }

    private Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies a config with some settings changed; the withers above are its public face. */
    private static final class Builder {
        private JobWiring wiring;
        private String models;
        private AlertPolicy policy;
        private int scoringThreads;
        private int asyncCapacity;
        private Duration scoringTimeout;
        private int maxChars;
        private Duration outOfOrderness;
        private Duration sourceIdleness;
        private Duration lingerAfterEnd;
        private Duration inactivityTimeout;
        private Duration alertMaxAge;
        private boolean deadLettersToClickHouse;

        private Builder(SentimentJobConfig c) {
            wiring = c.wiring;
            models = c.models;
            policy = c.policy;
            scoringThreads = c.scoringThreads;
            asyncCapacity = c.asyncCapacity;
            scoringTimeout = c.scoringTimeout;
            maxChars = c.maxChars;
            outOfOrderness = c.outOfOrderness;
            sourceIdleness = c.sourceIdleness;
            lingerAfterEnd = c.lingerAfterEnd;
            inactivityTimeout = c.inactivityTimeout;
            alertMaxAge = c.alertMaxAge;
            deadLettersToClickHouse = c.deadLettersToClickHouse;
        }

        Builder wiring(JobWiring v) {
            wiring = v;
            return this;
        }

        Builder models(String v) {
            models = v;
            return this;
        }

        Builder policy(AlertPolicy v) {
            policy = v;
            return this;
        }

        Builder scoringThreads(int v) {
            scoringThreads = v;
            return this;
        }

        Builder asyncCapacity(int v) {
            asyncCapacity = v;
            return this;
        }

        Builder scoringTimeout(Duration v) {
            scoringTimeout = v;
            return this;
        }

        Builder outOfOrderness(Duration v) {
            outOfOrderness = v;
            return this;
        }

        Builder sourceIdleness(Duration v) {
            sourceIdleness = v;
            return this;
        }

        Builder lingerAfterEnd(Duration v) {
            lingerAfterEnd = v;
            return this;
        }

        Builder inactivityTimeout(Duration v) {
            inactivityTimeout = v;
            return this;
        }

        Builder deadLettersToClickHouse(boolean v) {
            deadLettersToClickHouse = v;
            return this;
        }

        SentimentJobConfig build() {
            return new SentimentJobConfig(
                    wiring,
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
                    deadLettersToClickHouse);
        }
    }

    private static double number(String variable, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    variable + " must be a number but was '" + text + "'", e);
        }
    }
}
