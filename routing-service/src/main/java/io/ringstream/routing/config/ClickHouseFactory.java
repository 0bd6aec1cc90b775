package io.ringstream.routing.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.routing.supervisor.ClickHouseQueueStatsReader;
import io.ringstream.routing.supervisor.QueueStatsReader;
import jakarta.inject.Singleton;

/** Builds the ClickHouse-backed beans from {@code ringstream.clickhouse.url}. */
@Factory
public class ClickHouseFactory {

    @Singleton
    QueueStatsReader queueStatsReader(@Value("${ringstream.clickhouse.url}") String url) {
        // ClickHouseJdbc picks the legacy driver explicitly and turns compression off.
        return new ClickHouseQueueStatsReader(ClickHouseJdbc.connect(url).dataSource());
    }
}
