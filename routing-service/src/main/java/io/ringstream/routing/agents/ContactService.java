package io.ringstream.routing.agents;

import io.ringstream.events.EventIds;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.route.Router;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;

/**
 * Ends a contact from outside the PBX, without HTTP: builds the command (its id derives from
 * tenant, contact and outcome, so a repeated call is the same command; its time comes from {@code
 * clock}) and hands it to the routing job. {@link ContactController} only parses requests.
 */
public final class ContactService {
    private final CommandSink commands;
    private final InstantSource clock;

    public ContactService(CommandSink commands, InstantSource clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** The conversation is over; its agent goes to wrap-up. */
    public CompletableFuture<RoutingCommand> end(String tenant, String contactId) {
        return send(tenant, contactId, RoutingCommandType.CONTACT_ENDED);
    }

    /** The customer left before being connected. */
    public CompletableFuture<RoutingCommand> abandon(String tenant, String contactId) {
        return send(tenant, contactId, RoutingCommandType.CONTACT_ABANDONED);
    }

    private CompletableFuture<RoutingCommand> send(
            String tenant, String contactId, RoutingCommandType type) {
        return Commands.send(
                commands,
                RoutingCommand.forContact(
                        EventIds.of(Router.SOURCE, tenant, contactId, type.name()),
                        type,
                        tenant,
                        clock.millis(),
                        Router.SOURCE,
                        contactId));
    }
}
