package io.ringstream.routing.kafka;

import io.ringstream.events.RoutingCommand;
import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.EventPublisher;
import java.util.concurrent.CompletableFuture;

/** Publishes routing commands to {@link Topics#ROUTING_COMMANDS}, keyed by tenant. */
public final class KafkaCommandSink implements CommandSink, AutoCloseable {
    private final EventPublisher publisher;

    public KafkaCommandSink(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public CompletableFuture<Void> send(RoutingCommand command) {
        return publisher.publish(Topics.ROUTING_COMMANDS, command).thenApply(metadata -> null);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
