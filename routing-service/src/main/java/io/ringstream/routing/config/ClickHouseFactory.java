package io.ringstream.routing.config;

import io.micronaut.context.annotation.Factory;
import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.routing.supervisor.ClickHouseQueueStatsReader;
import io.ringstream.routing.supervisor.QueueStatsReader;
import io.ringstream.routing.timeline.ClickHouseTimeline;
import jakarta.inject.Singleton;

/** Builds the ClickHouse-backed beans from {@link ClickHouseProperties}. */
@Factory
public class ClickHouseFactory {

    @Singleton
    QueueStatsReader queueStatsReader(ClickHouseProperties clickHouse) {
        // ClickHouseJdbc picks the legacy driver explicitly and turns compression off; the
        // password reaches it as a driver property, read from the environment here.
        return new ClickHouseQueueStatsReader(
                ClickHouseJdbc.connect(clickHouse.getUrl(), clickHouse.credentials(System.getenv()))
                        .dataSource());
    }

    /** The customer timeline's ClickHouse sources (contacts, messages, SLA events). */
    @Singleton
    ClickHouseTimeline clickHouseTimeline(ClickHouseProperties clickHouse) {
        return new ClickHouseTimeline(
                ClickHouseJdbc.connect(clickHouse.getUrl(), clickHouse.credentials(System.getenv()))
                        .dataSource());
    }
}
