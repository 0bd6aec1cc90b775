package io.ringstream.routing.kafka;

import io.ringstream.events.RoutingCommand;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link CommandSink} for tests of what the service sends: records every command it takes, or
 * fails like an unreachable Kafka while {@link #failing(boolean)} is on.
 */
public final class RecordingCommandSink implements CommandSink {
    private final List<RoutingCommand> sent = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public CompletableFuture<Void> send(RoutingCommand command) {
        if (failing) {
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }
        sent.add(command);
        return CompletableFuture.completedFuture(null);
    }

    /** While on, every send fails with "down" and records nothing. */
    public void failing(boolean on) {
        failing = on;
    }

    /** The commands taken so far, in order. */
    public List<RoutingCommand> sent() {
        return List.copyOf(sent);
    }
}
