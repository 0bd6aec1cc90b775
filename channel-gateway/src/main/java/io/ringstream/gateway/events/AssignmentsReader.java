package io.ringstream.gateway.events;

import io.ringstream.events.Assignment;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topic;
import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.TopicFeed;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes the feed that reads {@code routing-assignments} on one thread so the hub learns which agent
 * was offered and accepted each conversation it owns (everything else it ignores). No consumer
 * group: the gateway reads every partition, starting {@code lookback} before now so an offer
 * accepted while it restarted is not missed, with the same {@link TopicFeed} as routing-service's
 * RoutingFeeds. A record that is not a valid assignment is skipped and logged; routing-service is
 * the topic's reporting reader and dead-letters it. A topic that does not exist yet is looked for
 * again every few seconds.
 */
public final class AssignmentsReader {
    /**
     * The topics the gateway reads, for the registry's check that each has one reporting reader
     * (routing-service reports routing-assignments' rejects).
     */
    public static final List<Topic<?>> INPUTS = List.of(Topics.ROUTING_ASSIGNMENTS);

    private static final Duration RESCAN = Duration.ofSeconds(2);

    private AssignmentsReader() {}

    /** The reader, not yet started; {@code target} runs on its thread. */
    public static TopicFeed create(
            String bootstrapServers, Duration lookback, Consumer<Assignment> target) {
        return TopicFeed.builder(Components.CHANNEL_GATEWAY, "assignments", bootstrapServers)
                .read(Topics.ROUTING_ASSIGNMENTS, target)
                .lookback(lookback)
                .rescan(RESCAN)
                .build();
    }
}
