package io.ringstream.routing.wallboard;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.routing.alerts.AlertFeed;
import io.ringstream.routing.live.RoutingView;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Wires the wallboard: the thresholds from configuration (validated at start), the ClickHouse
 * figures and the per-tenant hub with its own small scheduler (KPI reads block on ClickHouse, so
 * they stay off the event loop).
 */
@Factory
public class WallboardFactory {

    @Singleton
    WallboardThresholds wallboardThresholds(
            DefaultThresholdSettings defaults, List<QueueThresholdSettings> queues) {
        return WallboardThresholds.of(defaults, queues);
    }

    @Singleton
    KpiSource kpiSource(ClickHouseJdbc clickHouse, Clock clock) {
        return new ClickHouseKpiSource(clickHouse.dataSource(), clock);
    }

    @Singleton
    @Named("wallboard")
    @Bean(preDestroy = "shutdownNow")
    ScheduledExecutorService wallboardScheduler() {
        ScheduledThreadPoolExecutor executor =
                new ScheduledThreadPoolExecutor(
                        2,
                        r -> {
                            Thread t = Executors.defaultThreadFactory().newThread(r);
                            t.setName("wallboard-kpis-" + t.getId());
                            t.setDaemon(true);
                            return t;
                        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @Singleton
    @Bean(preDestroy = "close")
    WallboardHub wallboardHub(
            RoutingView view,
            AlertFeed alerts,
            KpiSource source,
            @Named("wallboard") ScheduledExecutorService scheduler,
            WallboardProperties properties) {
        return new WallboardHub(view, alerts, source, scheduler, properties.getKpiRefresh());
    }
}
