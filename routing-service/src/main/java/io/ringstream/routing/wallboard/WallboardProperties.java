package io.ringstream.routing.wallboard;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code ringstream.wallboard.*} besides the thresholds ({@link DefaultThresholdSettings}, {@link
 * QueueThresholdSettings}).
 */
@ConfigurationProperties("ringstream.wallboard")
public class WallboardProperties {
    private Duration kpiRefresh = Duration.ofSeconds(5);

    /**
     * {@code kpi-refresh} (env RINGSTREAM_WALLBOARD_KPI_REFRESH): how often a tenant with open
     * wallboards reads its figures from ClickHouse. Default 5 s.
     */
    public Duration getKpiRefresh() {
        return kpiRefresh;
    }

    public void setKpiRefresh(Duration kpiRefresh) {
        if (kpiRefresh == null || kpiRefresh.isNegative() || kpiRefresh.isZero()) {
            throw new IllegalArgumentException("ringstream.wallboard.kpi-refresh must be > 0");
        }
        this.kpiRefresh = kpiRefresh;
    }
}
