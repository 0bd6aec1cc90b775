package io.ringstream.routing.kafka;

import io.ringstream.events.RoutingCommand;
import java.util.concurrent.CompletableFuture;

/**
 * Used when no Kafka is configured (RINGSTREAM_KAFKA_BOOTSTRAP unset): the service still answers
 * health and ClickHouse figures, and every routing request fails with a clear reason.
 */
public final class UnconfiguredCommandSink implements CommandSink {
    public static final String REASON =
            "routing is not configured: set RINGSTREAM_KAFKA_BOOTSTRAP (ringstream.kafka.bootstrap)";

    @Override
    public CompletableFuture<Void> send(RoutingCommand command) {
        return CompletableFuture.failedFuture(new IllegalStateException(REASON));
    }
}
