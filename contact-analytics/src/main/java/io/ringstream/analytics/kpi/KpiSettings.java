package io.ringstream.analytics.kpi;

import java.io.Serializable;
import java.util.Objects;

/**
 * How queue KPIs are computed and shown.
 *
 * @param targets per-queue service-level target and threshold: the one setting every service level
 *     (KPI rows, the wallboards, the SLA policies' voice answer defaults) takes its threshold from
 * @param shortAbandonMillis abandons quicker than this are short abandons (default 5 s)
 * @param wallboardConvention which service level fills the {@code service_level} column
 * @param intervalMinutes reporting interval (default 15); must divide a day
 * @param slidingMinutes length of the sliding window (default 5), advanced every minute
 */
public record KpiSettings(
        QueueTargets targets,
        long shortAbandonMillis,
        ServiceLevelConvention wallboardConvention,
        int intervalMinutes,
        int slidingMinutes)
        implements Serializable {

    public static final long MINUTE = 60_000L;

    public KpiSettings {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(wallboardConvention, "wallboardConvention");
        if (shortAbandonMillis < 0) {
            throw new IllegalArgumentException("shortAbandonMillis must be >= 0");
        }
        if (intervalMinutes < 1 || 1440 % intervalMinutes != 0) {
            throw new IllegalArgumentException(
                    "interval minutes must divide a day (1440) but was " + intervalMinutes);
        }
        if (slidingMinutes < 1 || slidingMinutes > 1440) {
            throw new IllegalArgumentException(
                    "sliding window must be 1..1440 minutes but was " + slidingMinutes);
        }
    }

    public static KpiSettings defaults() {
        return new KpiSettings(
                QueueTargets.uniform(QueueTargets.DEFAULT),
                5_000,
                ServiceLevelConvention.ANSWERED_ONLY,
                15,
                5);
    }

    /** The same settings with every queue's target from {@code newTargets}. */
    public KpiSettings withTargets(QueueTargets newTargets) {
        return new KpiSettings(
                newTargets,
                shortAbandonMillis,
                wallboardConvention,
                intervalMinutes,
                slidingMinutes);
    }

    public KpiSettings withConvention(ServiceLevelConvention convention) {
        return new KpiSettings(
                targets, shortAbandonMillis, convention, intervalMinutes, slidingMinutes);
    }

    public KpiSettings withShortAbandonMillis(long millis) {
        return new KpiSettings(
                targets, millis, wallboardConvention, intervalMinutes, slidingMinutes);
    }

    /** The interval (must divide a day) and the sliding window, in minutes. */
    public KpiSettings withWindows(int newIntervalMinutes, int newSlidingMinutes) {
        return new KpiSettings(
                targets,
                shortAbandonMillis,
                wallboardConvention,
                newIntervalMinutes,
                newSlidingMinutes);
    }

    public long intervalMillis() {
        return intervalMinutes * MINUTE;
    }

    public long slidingMillis() {
        return slidingMinutes * MINUTE;
    }
}
