package io.ringstream.analytics.kpi;

import java.io.Serializable;
import java.util.Objects;

/**
 * How queue KPIs are computed and shown.
 *
 * @param targets per-queue service-level target and threshold
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

    public long intervalMillis() {
        return intervalMinutes * MINUTE;
    }

    public long slidingMillis() {
        return slidingMinutes * MINUTE;
    }
}
