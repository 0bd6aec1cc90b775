package io.ringstream.routing.kafka;

import io.ringstream.events.RoutingCommand;
import java.util.concurrent.CompletableFuture;

/**
 * Where the service sends its routing commands (the routing-commands topic in production), so
 * controllers do not depend on Kafka types.
 */
public interface CommandSink {
    /** Completes when the command is durably accepted, exceptionally when it could not be sent. */
    CompletableFuture<Void> send(RoutingCommand command);
}
