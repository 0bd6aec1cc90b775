package io.ringstream.routing.agents;

import io.ringstream.events.RoutingCommand;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.web.Requests;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How the agent and contact services hand a command to the routing job, so both fail the same way:
 * a 400 problem listing the command's violations before anything is sent, a 503 problem when it
 * cannot be sent.
 */
final class Commands {
    private Commands() {}

    /** Completes with {@code command} once the sink took it. */
    static CompletableFuture<RoutingCommand> send(CommandSink sink, RoutingCommand command) {
        List<String> violations = command.violations();
        if (!violations.isEmpty()) {
            throw Requests.invalid(violations);
        }
        return sink.send(command)
                .thenApply(ignored -> command)
                .exceptionally(
                        e -> {
                            throw Requests.unavailable(e);
                        });
    }
}
