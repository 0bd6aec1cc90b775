package io.ringstream.routing.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.routing.agents.AgentService;
import io.ringstream.routing.agents.ContactService;
import io.ringstream.routing.alerts.AlertFeed;
import io.ringstream.routing.crm.CrmDirectory;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.kafka.KafkaCommandSink;
import io.ringstream.routing.kafka.RoutingFeeds;
import io.ringstream.routing.kafka.UnconfiguredCommandSink;
import io.ringstream.routing.live.RoutingView;
import io.ringstream.routing.route.Router;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Wires routing: the in-memory views, the Kafka feeds that fill them and the command publisher,
 * from {@code ringstream.kafka.bootstrap} (env RINGSTREAM_KAFKA_BOOTSTRAP). Without it the service
 * still serves health and ClickHouse figures and answers routing requests with 503.
 */
@Factory
public class RoutingFactory {
    static final String BOOTSTRAP = "ringstream.kafka.bootstrap";

    /** The time every command is stamped with; one bean, so a test can fix it. */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    RoutingView routingView() {
        return new RoutingView();
    }

    @Singleton
    CrmDirectory crmDirectory(@Value("${ringstream.routing.crm-customers:100000}") int limit) {
        return new CrmDirectory(limit);
    }

    @Singleton
    AlertFeed alertFeed(@Value("${ringstream.routing.recent-alerts:100}") int keep) {
        return new AlertFeed(keep);
    }

    @Singleton
    @Requires(property = BOOTSTRAP)
    @Bean(preDestroy = "close")
    EventPublisher eventPublisher(@Value("${" + BOOTSTRAP + "}") String bootstrap) {
        return EventPublisher.create(
                bootstrap, Map.of("client.id", RoutingFeeds.COMPONENT + "-commands"));
    }

    @Singleton
    CommandSink commandSink(Optional<EventPublisher> publisher) {
        return publisher
                .<CommandSink>map(KafkaCommandSink::new)
                .orElseGet(UnconfiguredCommandSink::new);
    }

    /** Started with the application so the views fill before the first request. */
    @Context
    @Requires(property = BOOTSTRAP)
    @Bean(preDestroy = "close")
    RoutingFeeds routingFeeds(
            @Value("${" + BOOTSTRAP + "}") String bootstrap,
            @Value("${ringstream.routing.feed-lookback:15m}") Duration lookback,
            RoutingView view,
            CrmDirectory crm,
            AlertFeed alerts,
            EventPublisher publisher) {
        RoutingFeeds feeds = new RoutingFeeds(bootstrap, view, crm, alerts, publisher, lookback);
        feeds.start();
        return feeds;
    }

    @Singleton
    Router router(
            CommandSink commands,
            RoutingView view,
            @Value("${ringstream.routing.route-wait:2s}") Duration wait,
            @Value("${ringstream.routing.retry-after:5s}") Duration retryAfter,
            Clock clock) {
        return new Router(commands, view, wait, retryAfter, clock);
    }

    @Singleton
    AgentService agentService(
            CommandSink commands, RoutingView view, CrmDirectory crm, Clock clock) {
        return new AgentService(commands, view, crm, clock, () -> UUID.randomUUID().toString());
    }

    @Singleton
    ContactService contactService(CommandSink commands, Clock clock) {
        return new ContactService(commands, clock);
    }
}
