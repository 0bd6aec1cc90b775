package io.ringstream.routing.kafka;

import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topic;
import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.kafka.TopicFeed;
import io.ringstream.routing.alerts.AlertFeed;
import io.ringstream.routing.live.RoutingView;
import java.time.Duration;
import java.util.List;

/**
 * Feeds the service's in-memory views from Kafka on one thread: the routing job's assignments and
 * status snapshots into {@link RoutingView}, supervisor alerts into {@link AlertFeed}. (Customer
 * cards come from PostgreSQL, not from a topic: see {@code screenpop}.)
 *
 * <p>No consumer group: every instance reads every partition. On start it rewinds by time so it
 * does not begin blind: assignments and alerts by {@code lookback} (pending offers and recent
 * alerts reappear), status by the same (the job re-publishes each tenant's snapshot at least every
 * heartbeat). Topics that do not exist yet are looked for again every few seconds. A record that is
 * not a valid event is skipped; it goes to the dead-letter topic when this service is the topic's
 * reporting reader ({@link Topics#ROUTING_ASSIGNMENTS}, {@link Topics#ROUTING_STATUS}), and is
 * reported by the routing job otherwise. The reading itself is module kafka's {@link TopicFeed},
 * shared with the channel gateway's assignments reader.
 */
public final class RoutingFeeds implements AutoCloseable {
    public static final String COMPONENT = Components.ROUTING_SERVICE;

    /** The topics the feeds read, for the registry's check that each has one reporting reader. */
    public static final List<Topic<?>> INPUTS =
            List.of(Topics.ROUTING_ASSIGNMENTS, Topics.ROUTING_STATUS, Topics.SUPERVISOR_ALERTS);

    private final TopicFeed feed;

    public RoutingFeeds(
            String bootstrapServers,
            RoutingView view,
            AlertFeed alerts,
            EventPublisher deadLetters,
            Duration lookback) {
        this.feed =
                TopicFeed.builder(COMPONENT, "feeds", bootstrapServers)
                        .read(Topics.ROUTING_ASSIGNMENTS, view::apply)
                        .read(Topics.ROUTING_STATUS, view::apply)
                        .read(Topics.SUPERVISOR_ALERTS, alerts::apply)
                        .lookback(lookback)
                        .rescan(Duration.ofSeconds(5))
                        .deadLetters(deadLetters)
                        .build();
    }

    public void start() {
        feed.start();
    }

    /** True once every topic is assigned and positioned. */
    public boolean ready() {
        return feed.ready();
    }

    @Override
    public void close() {
        feed.close();
    }
}
