package io.ringstream.flink;

import static io.ringstream.flink.kit.runtime.ConfigChecks.requireDuration;

import io.ringstream.flink.kit.runtime.JobWiring;
import io.ringstream.flink.kit.runtime.WiredJobConfig;
import io.ringstream.flink.stats.Intervals;
import io.ringstream.flink.stats.ServiceLevelThresholds;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@link QueueStatsJob} can be tuned with, in one immutable value, so main(), the
 * launcher and tests configure the job the same way.
 *
 * @param wiring Kafka, ClickHouse, consumer group, checkpointing (every 10 s) and sink batching
 * @param intervals length of the statistics intervals (default 15 minutes)
 * @param thresholds service-level threshold per queue (default 20 s)
 * @param outOfOrderness how far event time may go backwards before events are late (default 5 s)
 * @param sourceIdleness after this long without records a partition stops holding back the
 *     watermark (default 30 s)
 * @param lingerAfterEnd how long a contact's state outlives its ENDED event, in event time: a
 *     TALK_ENDED arriving after ENDED is still attributed, and a re-sent event (a producer or
 *     bridge replaying after a restart) is still recognized as a duplicate, within this window
 *     (default 15 min; must exceed outOfOrderness). The state is a few ids per contact.
 * @param contactInactivityTimeout state of contacts that never end is dropped this long after their
 *     last event, in event time (default 4 h)
 * @param intervalRetention an interval's counters are kept this long after it ends, in event time;
 *     later deltas are dropped (default 6 h)
 * @param statsEmitInterval a changed interval row is re-emitted at most this often, in processing
 *     time (default 2 s)
 * @param deadLettersToClickHouse also copy dead letters into {@code ringstream.dead_letters}
 */
public record JobConfig(
        JobWiring wiring,
        Intervals intervals,
        ServiceLevelThresholds thresholds,
        Duration outOfOrderness,
        Duration sourceIdleness,
        Duration lingerAfterEnd,
        Duration contactInactivityTimeout,
        Duration intervalRetention,
        Duration statsEmitInterval,
        boolean deadLettersToClickHouse)
        implements WiredJobConfig<JobConfig>, Serializable {

    public static final String ENV_KAFKA_BOOTSTRAP = JobWiring.ENV_KAFKA_BOOTSTRAP;
    public static final String ENV_CLICKHOUSE_URL = JobWiring.ENV_CLICKHOUSE_URL;
    public static final String ENV_INTERVAL_MINUTES = "RINGSTREAM_INTERVAL_MINUTES";
    public static final String ENV_SL_THRESHOLDS = "RINGSTREAM_SL_THRESHOLDS";
    public static final String ENV_CHECKPOINT_DIR = "RINGSTREAM_CHECKPOINT_DIR";
    public static final String ENV_RESTORE_PATH = "RINGSTREAM_RESTORE_PATH";

    /**
     * Program arguments, as {@code flink run ringstream-flink-jobs.jar --kafka-bootstrap kafka:9092
     * ...} passes them, and the variable each one overrides (see {@link #fromArgs}).
     */
    public static final Map<String, String> FLAGS = flags();

    public static final String DEFAULT_CONSUMER_GROUP = "ringstream-queue-stats";
    public static final int DEFAULT_INTERVAL_MINUTES = 15;

    public JobConfig {
        Objects.requireNonNull(wiring, "wiring");
        Objects.requireNonNull(intervals, "intervals");
        Objects.requireNonNull(thresholds, "thresholds");
        requireDuration(outOfOrderness, "outOfOrderness", true);
        requireDuration(sourceIdleness, "sourceIdleness", false);
        requireDuration(lingerAfterEnd, "lingerAfterEnd", true);
        requireDuration(contactInactivityTimeout, "contactInactivityTimeout", false);
        requireDuration(intervalRetention, "intervalRetention", true);
        requireDuration(statsEmitInterval, "statsEmitInterval", false);
    }

    /** The defaults listed on the record, for the given Kafka and ClickHouse. */
    public static JobConfig defaults(String kafkaBootstrap, String clickHouseUrl) {
        return defaults(JobWiring.defaults(kafkaBootstrap, clickHouseUrl, DEFAULT_CONSUMER_GROUP));
    }

    private static JobConfig defaults(JobWiring wiring) {
        return new JobConfig(
                wiring,
                new Intervals(DEFAULT_INTERVAL_MINUTES),
                ServiceLevelThresholds.uniform(ServiceLevelThresholds.DEFAULT_SECONDS),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(15),
                Duration.ofHours(4),
                Duration.ofHours(6),
                Duration.ofSeconds(2),
                true);
    }

    /**
     * Reads {@code RINGSTREAM_KAFKA_BOOTSTRAP} and {@code RINGSTREAM_CLICKHOUSE_URL} (required),
     * {@code RINGSTREAM_INTERVAL_MINUTES} (default 15), {@code RINGSTREAM_SL_THRESHOLDS} (e.g.
     * {@code sales=20,support=30}; default 20 s), {@code RINGSTREAM_CHECKPOINT_DIR} and {@code
     * RINGSTREAM_RESTORE_PATH} (optional).
     *
     * @throws IllegalArgumentException naming the missing or malformed variable
     */
    public static JobConfig fromEnv(Map<String, String> env) {
        JobConfig config =
                defaults(
                        JobWiring.fromEnv(
                                env,
                                DEFAULT_CONSUMER_GROUP,
                                ENV_CHECKPOINT_DIR,
                                ENV_RESTORE_PATH,
                                JobConfig::describe));
        String minutes = env.get(ENV_INTERVAL_MINUTES);
        if (minutes != null && !minutes.isBlank()) {
            try {
                config = config.withIntervalMinutes(Integer.parseInt(minutes.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        describe(ENV_INTERVAL_MINUTES)
                                + " must be a number but was '"
                                + minutes
                                + "'",
                        e);
            }
        }
        String thresholds = env.get(ENV_SL_THRESHOLDS);
        if (thresholds != null && !thresholds.isBlank()) {
            config = config.withThresholds(ServiceLevelThresholds.parse(thresholds));
        }
        return config;
    }

    /**
     * Program arguments over environment variables: each {@code --name value} (or {@code
     * --name=value}) of {@link #FLAGS} replaces its variable, then {@link #fromEnv} applies. On a
     * cluster this is how a job is configured: the arguments travel with {@code flink run}, while
     * the client's environment is whatever the machine running it has.
     *
     * @throws IllegalArgumentException for an unknown flag, a flag without a value or given twice,
     *     and whatever {@link #fromEnv} rejects
     */
    public static JobConfig fromArgs(String[] args, Map<String, String> env) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(parseFlags(args));
        return fromEnv(merged);
    }

    /** The variables the arguments set, by variable name. */
    static Map<String, String> parseFlags(String[] args) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException(
                        "expected --name value but got '" + arg + "'; flags: " + flagList());
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "";
            }
            String variable = FLAGS.get(name);
            if (variable == null) {
                throw new IllegalArgumentException(
                        "unknown flag --" + name + "; flags: " + flagList());
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (variables.put(variable, value) != null) {
                throw new IllegalArgumentException("--" + name + " is given twice");
            }
        }
        return variables;
    }

    @Override
    public JobConfig withWiring(JobWiring newWiring) {
        return toBuilder().wiring(newWiring).build();
    }

    public JobConfig withIntervalMinutes(int minutes) {
        return toBuilder().intervals(new Intervals(minutes)).build();
    }

    public JobConfig withThresholds(ServiceLevelThresholds newThresholds) {
        return toBuilder().thresholds(newThresholds).build();
    }

    /** Event-time bounds: out-of-orderness, partition idleness and the contact linger. */
    public JobConfig withEventTime(
            Duration newOutOfOrderness, Duration newSourceIdleness, Duration newLingerAfterEnd) {
        return toBuilder()
                .outOfOrderness(newOutOfOrderness)
                .sourceIdleness(newSourceIdleness)
                .lingerAfterEnd(newLingerAfterEnd)
                .build();
    }

    /** State lifetimes: contacts that never end, and intervals after they end. */
    public JobConfig withStateRetention(Duration inactivityTimeout, Duration retention) {
        return toBuilder()
                .contactInactivityTimeout(inactivityTimeout)
                .intervalRetention(retention)
                .build();
    }

    public JobConfig withStatsEmitInterval(Duration every) {
        return toBuilder().statsEmitInterval(every).build();
    }

    public JobConfig withDeadLettersToClickHouse(boolean enabled) {
        return toBuilder().deadLettersToClickHouse(enabled).build();
    }

    private Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies a config with some settings changed; the withers above are its public face. */
    private static final class Builder {
        private JobWiring wiring;
        private Intervals intervals;
        private ServiceLevelThresholds thresholds;
        private Duration outOfOrderness;
        private Duration sourceIdleness;
        private Duration lingerAfterEnd;
        private Duration contactInactivityTimeout;
        private Duration intervalRetention;
        private Duration statsEmitInterval;
        private boolean deadLettersToClickHouse;

        private Builder(JobConfig c) {
            wiring = c.wiring;
            intervals = c.intervals;
            thresholds = c.thresholds;
            outOfOrderness = c.outOfOrderness;
            sourceIdleness = c.sourceIdleness;
            lingerAfterEnd = c.lingerAfterEnd;
            contactInactivityTimeout = c.contactInactivityTimeout;
            intervalRetention = c.intervalRetention;
            statsEmitInterval = c.statsEmitInterval;
            deadLettersToClickHouse = c.deadLettersToClickHouse;
        }

        Builder wiring(JobWiring v) {
            wiring = v;
            return this;
        }

        Builder intervals(Intervals v) {
            intervals = v;
            return this;
        }

        Builder thresholds(ServiceLevelThresholds v) {
            thresholds = v;
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

        Builder contactInactivityTimeout(Duration v) {
            contactInactivityTimeout = v;
            return this;
        }

        Builder intervalRetention(Duration v) {
            intervalRetention = v;
            return this;
        }

        Builder statsEmitInterval(Duration v) {
            statsEmitInterval = v;
            return this;
        }

        Builder deadLettersToClickHouse(boolean v) {
            deadLettersToClickHouse = v;
            return this;
        }

        JobConfig build() {
            return new JobConfig(
                    wiring,
                    intervals,
                    thresholds,
                    outOfOrderness,
                    sourceIdleness,
                    lingerAfterEnd,
                    contactInactivityTimeout,
                    intervalRetention,
                    statsEmitInterval,
                    deadLettersToClickHouse);
        }
    }

    private static Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("kafka-bootstrap", ENV_KAFKA_BOOTSTRAP);
        flags.put("clickhouse-url", ENV_CLICKHOUSE_URL);
        flags.put("interval-minutes", ENV_INTERVAL_MINUTES);
        flags.put("sl-thresholds", ENV_SL_THRESHOLDS);
        flags.put("checkpoint-dir", ENV_CHECKPOINT_DIR);
        flags.put("restore-path", ENV_RESTORE_PATH);
        return Collections.unmodifiableMap(flags);
    }

    private static String flagList() {
        return "--" + String.join(", --", FLAGS.keySet());
    }

    /** A variable with the flag that overrides it, for error messages. */
    private static String describe(String variable) {
        return FLAGS.entrySet().stream()
                .filter(e -> e.getValue().equals(variable))
                .map(e -> variable + " (--" + e.getKey() + ")")
                .findFirst()
                .orElse(variable);
    }
}
