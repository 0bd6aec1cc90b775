package io.ringstream.routing.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.routing.agents.AgentService;
import io.ringstream.routing.agents.ContactService;
import io.ringstream.routing.alerts.AlertFeed;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.kafka.KafkaCommandSink;
import io.ringstream.routing.kafka.RoutingFeeds;
import io.ringstream.routing.kafka.UnconfiguredCommandSink;
import io.ringstream.routing.live.RoutingView;
import io.ringstream.routing.route.Router;
import io.ringstream.routing.screenpop.CallerIdentifier;
import io.ringstream.routing.screenpop.ChannelIdentifier;
import io.ringstream.routing.screenpop.ScreenPop;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Wires routing: the in-memory views, the Kafka feeds that fill them, the command publisher and the
 * services behind the controllers, from {@link RoutingProperties} and {@link KafkaProperties}.
 * Without {@code ringstream.kafka.bootstrap} (env RINGSTREAM_KAFKA_BOOTSTRAP) the service still
 * serves health and ClickHouse figures and answers routing requests with 503.
 */
@Factory
public class RoutingFactory {

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
    AlertFeed alertFeed(RoutingProperties routing) {
        return new AlertFeed(routing.getRecentAlerts());
    }

    @Singleton
    @Requires(property = KafkaProperties.BOOTSTRAP)
    @Bean(preDestroy = "close")
    EventPublisher eventPublisher(KafkaProperties kafka) {
        return EventPublisher.create(
                kafka.requireBootstrap(),
                Map.of("client.id", RoutingFeeds.COMPONENT + "-commands"));
    }

    @Singleton
    CommandSink commandSink(Optional<EventPublisher> publisher) {
        return publisher
                .<CommandSink>map(KafkaCommandSink::new)
                .orElseGet(UnconfiguredCommandSink::new);
    }

    /** Started with the application so the views fill before the first request. */
    @Context
    @Requires(property = KafkaProperties.BOOTSTRAP)
    @Bean(preDestroy = "close")
    RoutingFeeds routingFeeds(
            KafkaProperties kafka,
            RoutingProperties routing,
            RoutingView view,
            AlertFeed alerts,
            EventPublisher publisher) {
        RoutingFeeds feeds =
                new RoutingFeeds(
                        kafka.requireBootstrap(),
                        view,
                        alerts,
                        publisher,
                        routing.getFeedLookback());
        feeds.start();
        return feeds;
    }

    @Singleton
    Router router(
            CommandSink commands,
            RoutingView view,
            RoutingProperties routing,
            Clock clock,
            Optional<CallerIdentifier> callers,
            Optional<ChannelIdentifier> channels) {
        return new Router(
                commands,
                view,
                routing.getRouteWait(),
                routing.getRetryAfter(),
                clock,
                callers.orElse(CallerIdentifier.NONE),
                channels.orElse(ChannelIdentifier.NONE));
    }

    @Singleton
    AgentService agentService(
            CommandSink commands, RoutingView view, Clock clock, Optional<ScreenPop> screenPop) {
        return new AgentService(
                commands,
                view,
                screenPop.orElse(ScreenPop.NONE),
                clock,
                () -> UUID.randomUUID().toString());
    }

    @Singleton
    ContactService contactService(CommandSink commands, Clock clock) {
        return new ContactService(commands, clock);
    }
}
