package io.ringstream.flink.sla;

import static io.ringstream.flink.kit.runtime.ConfigChecks.requireDuration;
import static io.ringstream.flink.kit.runtime.ConfigChecks.variable;

import io.ringstream.analytics.kpi.KpiSettings;
import io.ringstream.analytics.kpi.QueueTargets;
import io.ringstream.analytics.kpi.ServiceLevelConvention;
import io.ringstream.analytics.sla.clock.SlaSettings;
import io.ringstream.analytics.sla.policy.DefaultPolicies;
import io.ringstream.flink.kit.runtime.JobWiring;
import io.ringstream.flink.kit.runtime.WiredJobConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything {@link ServiceLevelJob} is tuned with, so main(), the launcher and tests configure it
 * the same way.
 *
 * @param wiring Kafka, ClickHouse, consumer group, checkpointing (10 s) and sink batching
 * @param outOfOrderness how far event time may go backwards before events are late (5 s)
 * @param sourceIdleness after this long without events a partition's watermark moves on with the
 *     wall clock, or the partition is marked idle (30 s)
 * @param advanceWhenSilent keep event time moving with the wall clock through silence (true), so
 *     waiting contacts are warned and breached on time in a quiet contact center; false only marks
 *     silent partitions idle (exactly repeatable watermarks, for tests)
 * @param targets per-queue service-level target, e.g. {@code sales=80/20}; its threshold is also
 *     the default voice answer SLA of the queue
 * @param convention the service level shown in {@code queue_kpis.service_level}
 * @param shortAbandon abandons quicker than this are excluded from service level (5 s)
 * @param warningFraction warning at this fraction of the threshold, for policies without one (0.8)
 * @param intervalMinutes KPI interval (15)
 * @param slidingMinutes KPI sliding window (5)
 * @param lingerAfterEnd a contact's state outlives ENDED this long (15 min)
 * @param inactivity subjects silent this long (after their last deadline) are forgotten (8 h)
 */
public record SlaJobConfig(
        JobWiring wiring,
        Duration outOfOrderness,
        Duration sourceIdleness,
        boolean advanceWhenSilent,
        QueueTargets targets,
        ServiceLevelConvention convention,
        Duration shortAbandon,
        double warningFraction,
        int intervalMinutes,
        int slidingMinutes,
        Duration lingerAfterEnd,
        Duration inactivity)
        implements WiredJobConfig<SlaJobConfig>, Serializable {

    public static final String ENV_SL_TARGETS = "RINGSTREAM_SL_TARGETS";
    public static final String ENV_SL_THRESHOLDS = "RINGSTREAM_SL_THRESHOLDS";
    public static final String ENV_SL_CONVENTION = "RINGSTREAM_SL_CONVENTION";
    public static final String ENV_SHORT_ABANDON_SECONDS = "RINGSTREAM_SHORT_ABANDON_SECONDS";
    public static final String ENV_WARNING_FRACTION = "RINGSTREAM_SLA_WARNING_FRACTION";
    public static final String ENV_INTERVAL_MINUTES = "RINGSTREAM_INTERVAL_MINUTES";
    public static final String ENV_CHECKPOINT_DIR = "RINGSTREAM_SLA_CHECKPOINT_DIR";
    public static final String ENV_RESTORE_PATH = "RINGSTREAM_SLA_RESTORE_PATH";

    public static final String DEFAULT_CONSUMER_GROUP = "ringstream-sla";

    public SlaJobConfig {
        Objects.requireNonNull(wiring, "wiring");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(convention, "convention");
        requireDuration(outOfOrderness, "outOfOrderness", true);
        requireDuration(sourceIdleness, "sourceIdleness", false);
        requireDuration(shortAbandon, "shortAbandon", true);
        requireDuration(lingerAfterEnd, "lingerAfterEnd", true);
        requireDuration(inactivity, "inactivity", false);
        // Validates the KPI settings and the warning fraction early, with their own messages.
        new KpiSettings(
                targets, shortAbandon.toMillis(), convention, intervalMinutes, slidingMinutes);
        new DefaultPolicies(q -> 1, warningFraction);
    }

    public static SlaJobConfig defaults(String kafkaBootstrap, String clickHouseUrl) {
        return defaults(JobWiring.defaults(kafkaBootstrap, clickHouseUrl, DEFAULT_CONSUMER_GROUP));
    }

    private static SlaJobConfig defaults(JobWiring wiring) {
        return new SlaJobConfig(
                wiring,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                true,
                QueueTargets.uniform(QueueTargets.DEFAULT),
                ServiceLevelConvention.ANSWERED_ONLY,
                Duration.ofSeconds(5),
                DefaultPolicies.DEFAULT_WARNING_FRACTION,
                15,
                5,
                SlaSettings.DEFAULT.lingerAfterEnd(),
                SlaSettings.DEFAULT.inactivity());
    }

    /**
     * Reads {@code RINGSTREAM_KAFKA_BOOTSTRAP}, {@code RINGSTREAM_CLICKHOUSE_URL} (required),
     * {@code RINGSTREAM_SL_TARGETS} (e.g. {@code sales=80/20,support=90/30}; when absent {@code
     * RINGSTREAM_SL_THRESHOLDS}, e.g. {@code sales=20}, with 80% targets), {@code
     * RINGSTREAM_SL_CONVENTION} ({@code answered-only}, {@code abandons-count-against}, {@code
     * left-queue}), {@code RINGSTREAM_SHORT_ABANDON_SECONDS}, {@code
     * RINGSTREAM_SLA_WARNING_FRACTION}, {@code RINGSTREAM_INTERVAL_MINUTES}, {@code
     * RINGSTREAM_SLA_CHECKPOINT_DIR}, {@code RINGSTREAM_SLA_RESTORE_PATH}.
     *
     * @throws IllegalArgumentException naming the missing or malformed variable
     */
    public static SlaJobConfig fromEnv(Map<String, String> env) {
        SlaJobConfig c =
                defaults(
                        JobWiring.fromEnv(
                                env,
                                DEFAULT_CONSUMER_GROUP,
                                ENV_CHECKPOINT_DIR,
                                ENV_RESTORE_PATH,
                                UnaryOperator.identity()));
        String targets = variable(env, ENV_SL_TARGETS);
        if (targets == null) {
            targets = variable(env, ENV_SL_THRESHOLDS);
        }
        if (targets != null) {
            c = c.toBuilder().targets(QueueTargets.parse(targets)).build();
        }
        String convention = variable(env, ENV_SL_CONVENTION);
        if (convention != null) {
            c = c.toBuilder().convention(ServiceLevelConvention.parse(convention)).build();
        }
        String shortAbandon = variable(env, ENV_SHORT_ABANDON_SECONDS);
        if (shortAbandon != null) {
            c =
                    c.toBuilder()
                            .shortAbandon(
                                    Duration.ofSeconds(
                                            number(ENV_SHORT_ABANDON_SECONDS, shortAbandon)))
                            .build();
        }
        String fraction = variable(env, ENV_WARNING_FRACTION);
        if (fraction != null) {
            try {
                c = c.toBuilder().warningFraction(Double.parseDouble(fraction)).build();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        ENV_WARNING_FRACTION + " must be a number but was '" + fraction + "'", e);
            }
        }
        String minutes = variable(env, ENV_INTERVAL_MINUTES);
        if (minutes != null) {
            c = c.toBuilder().intervalMinutes((int) number(ENV_INTERVAL_MINUTES, minutes)).build();
        }
        return c;
    }

    /** The SLA clocks' knobs. */
    public SlaSettings slaSettings() {
        return new SlaSettings(shortAbandon, lingerAfterEnd, inactivity);
    }

    /** The KPI pipeline's knobs. */
    public KpiSettings kpiSettings() {
        return new KpiSettings(
                targets, shortAbandon.toMillis(), convention, intervalMinutes, slidingMinutes);
    }

    @Override
    public SlaJobConfig withWiring(JobWiring newWiring) {
        return toBuilder().wiring(newWiring).build();
    }

    public SlaJobConfig withTargets(QueueTargets newTargets) {
        return toBuilder().targets(newTargets).build();
    }

    public SlaJobConfig withConvention(ServiceLevelConvention newConvention) {
        return toBuilder().convention(newConvention).build();
    }

    public SlaJobConfig withEventTime(Duration newOutOfOrderness, Duration newSourceIdleness) {
        return toBuilder()
                .outOfOrderness(newOutOfOrderness)
                .sourceIdleness(newSourceIdleness)
                .build();
    }

    /** KPI window lengths: the interval (must divide a day) and the sliding window, in minutes. */
    public SlaJobConfig withKpiWindows(int newIntervalMinutes, int newSlidingMinutes) {
        return toBuilder()
                .intervalMinutes(newIntervalMinutes)
                .slidingMinutes(newSlidingMinutes)
                .build();
    }

    public SlaJobConfig withShortAbandon(Duration newShortAbandon) {
        return toBuilder().shortAbandon(newShortAbandon).build();
    }

    /** Whether silent partitions move event time on with the wall clock (default) or go idle. */
    public SlaJobConfig withAdvanceWhenSilent(boolean advance) {
        return toBuilder().advanceWhenSilent(advance).build();
    }

    private Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies a config with some settings changed; the withers above are its public face. */
    private static final class Builder {
        private JobWiring wiring;
        private Duration outOfOrderness;
        private Duration sourceIdleness;
        private boolean advanceWhenSilent;
        private QueueTargets targets;
        private ServiceLevelConvention convention;
        private Duration shortAbandon;
        private double warningFraction;
        private int intervalMinutes;
        private int slidingMinutes;
        private Duration lingerAfterEnd;
        private Duration inactivity;

        Builder(SlaJobConfig c) {
            wiring = c.wiring;
            outOfOrderness = c.outOfOrderness;
            sourceIdleness = c.sourceIdleness;
            advanceWhenSilent = c.advanceWhenSilent;
            targets = c.targets;
            convention = c.convention;
            shortAbandon = c.shortAbandon;
            warningFraction = c.warningFraction;
            intervalMinutes = c.intervalMinutes;
            slidingMinutes = c.slidingMinutes;
            lingerAfterEnd = c.lingerAfterEnd;
            inactivity = c.inactivity;
        }

        Builder wiring(JobWiring v) {
            wiring = v;
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

        Builder advanceWhenSilent(boolean v) {
            advanceWhenSilent = v;
            return this;
        }

        Builder targets(QueueTargets v) {
            targets = v;
            return this;
        }

        Builder convention(ServiceLevelConvention v) {
            convention = v;
            return this;
        }

        Builder shortAbandon(Duration v) {
            shortAbandon = v;
            return this;
        }

        Builder warningFraction(double v) {
            warningFraction = v;
            return this;
        }

        Builder intervalMinutes(int v) {
            intervalMinutes = v;
            return this;
        }

        Builder slidingMinutes(int v) {
            slidingMinutes = v;
            return this;
        }

        SlaJobConfig build() {
            return new SlaJobConfig(
                    wiring,
                    outOfOrderness,
                    sourceIdleness,
                    advanceWhenSilent,
                    targets,
                    convention,
                    shortAbandon,
                    warningFraction,
                    intervalMinutes,
                    slidingMinutes,
                    lingerAfterEnd,
                    inactivity);
        }
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " must be a whole number but was '" + value + "'", e);
        }
    }
}
