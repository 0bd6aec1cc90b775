package io.ringstream.flink.sla;

import io.ringstream.analytics.kpi.KpiSettings;
import io.ringstream.analytics.kpi.QueueTargets;
import io.ringstream.analytics.kpi.ServiceLevelConvention;
import io.ringstream.analytics.sla.clock.SlaSettings;
import io.ringstream.analytics.sla.policy.DefaultPolicies;
import io.ringstream.flink.kit.runtime.ConfigChecks;
import io.ringstream.flink.kit.runtime.JobVariables;
import io.ringstream.flink.kit.time.EventTime;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the service-level job computes SLA verdicts and queue KPIs.
 *
 * @param eventTime out-of-orderness (5 s) and the silence after which a partition's watermark moves
 *     on (30 s)
 * @param advanceWhenSilent keep event time moving with the wall clock through silence (true), so
 *     waiting contacts are warned and breached on time in a quiet contact center; false only marks
 *     silent partitions idle (exactly repeatable watermarks, for tests)
 * @param kpis the queues' service-level targets (the one setting for every threshold: KPI rows,
 *     wallboards and the voice answer SLA default), the convention shown, short abandons, windows
 * @param kpiRefresh the interval a queue is filling is re-emitted at most this often, as of the
 *     watermark, in processing time (2 s), so wallboards need not wait for the next minute
 * @param warningFraction SLA warning at this fraction of the threshold, for policies without one
 *     (0.8)
 * @param lingerAfterEnd a contact's state outlives ENDED this long (15 min)
 * @param inactivity subjects silent this long (after their last deadline) are forgotten (8 h)
 */
public record ServiceLevelSettings(
        EventTime eventTime,
        boolean advanceWhenSilent,
        KpiSettings kpis,
        Duration kpiRefresh,
        double warningFraction,
        Duration lingerAfterEnd,
        Duration inactivity)
        implements Serializable {

    /** Each queue's target, e.g. {@code sales=80/20,support=90/30}; a bare number is 80/that. */
    public static final String ENV_SL_TARGETS = "RINGSTREAM_SL_TARGETS";

    /** Replaced by {@link #ENV_SL_TARGETS}; refused so that a stale setting is not ignored. */
    public static final String ENV_SL_THRESHOLDS = "RINGSTREAM_SL_THRESHOLDS";

    public static final String ENV_SL_CONVENTION = "RINGSTREAM_SL_CONVENTION";
    public static final String ENV_SHORT_ABANDON_SECONDS = "RINGSTREAM_SHORT_ABANDON_SECONDS";
    public static final String ENV_WARNING_FRACTION = "RINGSTREAM_SLA_WARNING_FRACTION";
    public static final String ENV_INTERVAL_MINUTES = "RINGSTREAM_INTERVAL_MINUTES";

    public ServiceLevelSettings {
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(kpis, "kpis");
        ConfigChecks.requireDuration(kpiRefresh, "kpiRefresh", false);
        ConfigChecks.requireDuration(lingerAfterEnd, "lingerAfterEnd", true);
        ConfigChecks.requireDuration(inactivity, "inactivity", false);
        // Validates the warning fraction with its own message.
        new DefaultPolicies(queue -> 1, warningFraction);
    }

    public static ServiceLevelSettings defaults() {
        return new ServiceLevelSettings(
                EventTime.DEFAULT,
                true,
                KpiSettings.defaults(),
                Duration.ofSeconds(2),
                DefaultPolicies.DEFAULT_WARNING_FRACTION,
                SlaSettings.DEFAULT.lingerAfterEnd(),
                SlaSettings.DEFAULT.inactivity());
    }

    /**
     * Reads {@code RINGSTREAM_SL_TARGETS}, {@code RINGSTREAM_SL_CONVENTION} ({@code answered-only},
     * {@code abandons-count-against}, {@code left-queue}), {@code
     * RINGSTREAM_SHORT_ABANDON_SECONDS}, {@code RINGSTREAM_SLA_WARNING_FRACTION} and {@code
     * RINGSTREAM_INTERVAL_MINUTES}; the rest keep their defaults.
     *
     * @throws IllegalArgumentException naming the malformed variable, or {@code
     *     RINGSTREAM_SL_THRESHOLDS}, which {@code RINGSTREAM_SL_TARGETS} replaced
     */
    public static ServiceLevelSettings from(JobVariables variables) {
        variables
                .text(ENV_SL_THRESHOLDS)
                .ifPresent(
                        value -> {
                            throw new IllegalArgumentException(
                                    ENV_SL_THRESHOLDS
                                            + " was replaced by "
                                            + ENV_SL_TARGETS
                                            + ", the one setting for every queue's threshold and"
                                            + " target: set "
                                            + ENV_SL_TARGETS
                                            + "="
                                            + value
                                            + " (a bare number of seconds means an 80% target)");
                        });
        KpiSettings kpis = KpiSettings.defaults();
        kpis =
                kpis.withTargets(
                        variables
                                .parsed(ENV_SL_TARGETS, QueueTargets::parse)
                                .orElse(kpis.targets()));
        kpis =
                kpis.withConvention(
                        variables
                                .parsed(ENV_SL_CONVENTION, ServiceLevelConvention::parse)
                                .orElse(kpis.wallboardConvention()));
        kpis =
                kpis.withShortAbandonMillis(
                        variables
                                .seconds(ENV_SHORT_ABANDON_SECONDS)
                                .map(Duration::toMillis)
                                .orElse(kpis.shortAbandonMillis()));
        kpis =
                kpis.withWindows(
                        variables.integer(ENV_INTERVAL_MINUTES).orElse(kpis.intervalMinutes()),
                        kpis.slidingMinutes());
        ServiceLevelSettings defaults = defaults();
        return new ServiceLevelSettings(
                defaults.eventTime,
                defaults.advanceWhenSilent,
                kpis,
                defaults.kpiRefresh,
                variables.number(ENV_WARNING_FRACTION).orElse(defaults.warningFraction),
                defaults.lingerAfterEnd,
                defaults.inactivity);
    }

    /** The SLA clocks' knobs; short abandons are the KPIs' own. */
    public SlaSettings slaSettings() {
        return new SlaSettings(
                Duration.ofMillis(kpis.shortAbandonMillis()), lingerAfterEnd, inactivity);
    }

    public ServiceLevelSettings withKpis(KpiSettings newKpis) {
        return new ServiceLevelSettings(
                eventTime,
                advanceWhenSilent,
                newKpis,
                kpiRefresh,
                warningFraction,
                lingerAfterEnd,
                inactivity);
    }

    public ServiceLevelSettings withEventTime(EventTime newEventTime) {
        return new ServiceLevelSettings(
                newEventTime,
                advanceWhenSilent,
                kpis,
                kpiRefresh,
                warningFraction,
                lingerAfterEnd,
                inactivity);
    }

    /** Whether silent partitions move event time on with the wall clock (default) or go idle. */
    public ServiceLevelSettings withAdvanceWhenSilent(boolean advance) {
        return new ServiceLevelSettings(
                eventTime, advance, kpis, kpiRefresh, warningFraction, lingerAfterEnd, inactivity);
    }

    public ServiceLevelSettings withKpiRefresh(Duration every) {
        return new ServiceLevelSettings(
                eventTime,
                advanceWhenSilent,
                kpis,
                every,
                warningFraction,
                lingerAfterEnd,
                inactivity);
    }
}
