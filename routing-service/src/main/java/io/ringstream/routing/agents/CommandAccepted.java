package io.ringstream.routing.agents;

import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.events.RoutingCommand;

/**
 * The answer to an agent or contact command: it was handed to the routing job, whose effects arrive
 * on the agent's stream and the supervisor's live view.
 */
@Serdeable
public record CommandAccepted(String commandId, String type, String tenant) {
    static CommandAccepted of(RoutingCommand c) {
        return new CommandAccepted(c.eventId(), c.type().name(), c.tenant());
    }
}
