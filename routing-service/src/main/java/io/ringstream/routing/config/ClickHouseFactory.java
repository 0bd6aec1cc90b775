package io.ringstream.routing.config;

import io.micronaut.context.annotation.Factory;
import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.routing.screenpop.ClickHouseCustomerValues;
import io.ringstream.routing.screenpop.ClickHouseRecentContacts;
import io.ringstream.routing.screenpop.CustomerValues;
import io.ringstream.routing.screenpop.RecentContacts;
import io.ringstream.routing.supervisor.ClickHouseQueueStatsReader;
import io.ringstream.routing.supervisor.QueueStatsReader;
import io.ringstream.routing.timeline.ClickHouseTimeline;
import jakarta.inject.Singleton;

/**
 * Builds the ClickHouse-backed beans from {@link ClickHouseProperties}. ClickHouse is offered as a
 * {@link ClickHouseJdbc}, never as a {@code DataSource} bean: the one {@code DataSource} of the
 * context is PostgreSQL's, which Micronaut Data and Flyway use.
 */
@Factory
public class ClickHouseFactory {

    /** The analytics database: contact history, sentiment, SLA events, queue figures. */
    @Singleton
    ClickHouseJdbc clickHouse(ClickHouseProperties clickHouse) {
        // ClickHouseJdbc picks the legacy driver explicitly and turns compression off; the
        // password reaches it as a driver property, read from the environment here.
        return ClickHouseJdbc.connect(clickHouse.getUrl(), clickHouse.credentials(System.getenv()));
    }

    @Singleton
    QueueStatsReader queueStatsReader(ClickHouseJdbc clickHouse) {
        return new ClickHouseQueueStatsReader(clickHouse.dataSource());
    }

    /** The recent contacts of a customer card (contact_events, conversation_sentiment). */
    @Singleton
    RecentContacts recentContacts(ClickHouseJdbc clickHouse) {
        return new ClickHouseRecentContacts(clickHouse.dataSource());
    }

    /** The value and segment of a customer card (customer_value). */
    @Singleton
    CustomerValues customerValues(ClickHouseJdbc clickHouse) {
        return new ClickHouseCustomerValues(clickHouse.dataSource());
    }

    /** The customer timeline's ClickHouse sources (contacts, messages, SLA events). */
    @Singleton
    ClickHouseTimeline clickHouseTimeline(ClickHouseProperties clickHouse) {
        return new ClickHouseTimeline(
                ClickHouseJdbc.connect(clickHouse.getUrl(), clickHouse.credentials(System.getenv()))
                        .dataSource());
    }
}
