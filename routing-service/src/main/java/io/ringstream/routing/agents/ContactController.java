package io.ringstream.routing.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.ringstream.routing.live.RoutingView;
import io.ringstream.routing.security.Callers;
import io.ringstream.routing.web.Requests;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;

/**
 * Ends a contact from outside the PBX (a chat closed on the agent desktop, a caller who left on a
 * PBX without AMI). With Asterisk, AMI's ABANDONED and ENDED events do the same on their own. Thin
 * glue over {@link ContactService}. The PBX and supervisors may end or abandon any contact of their
 * tenant; an agent may end only a contact routed to itself.
 */
@Controller("/v1/contacts/{contactId}")
@Tag(name = "contacts")
public class ContactController {
    private final ContactService contacts;
    private final RoutingView view;

    public ContactController(ContactService contacts, RoutingView view) {
        this.contacts = contacts;
        this.view = view;
    }

    @Post("/end")
    @Status(HttpStatus.ACCEPTED)
    @Secured({"PBX", "SUPERVISOR", "AGENT"})
    @Operation(summary = "The conversation is over; its agent goes to wrap-up")
    public CompletableFuture<CommandAccepted> end(
            Authentication authentication,
            @PathVariable String contactId,
            @Nullable @QueryValue String tenant) {
        Caller caller = Callers.of(authentication);
        String t = Callers.tenant(caller, tenant);
        Requests.id(contactId, "contactId");
        if (!caller.has(Role.PBX) && !caller.has(Role.SUPERVISOR)) {
            boolean own =
                    view.target(t, contactId)
                            .map(a -> caller.subject().equals(a.agentId()))
                            .orElse(false);
            if (!own) {
                throw Callers.forbidden(
                        "contact '" + contactId + "' is not routed to agent " + caller.subject());
            }
        }
        return contacts.end(t, contactId).thenApply(CommandAccepted::of);
    }

    @Post("/abandon")
    @Status(HttpStatus.ACCEPTED)
    @Secured({"PBX", "SUPERVISOR"})
    @Operation(summary = "The customer left before being connected")
    public CompletableFuture<CommandAccepted> abandon(
            Authentication authentication,
            @PathVariable String contactId,
            @Nullable @QueryValue String tenant) {
        String t = Callers.tenant(Callers.of(authentication), tenant);
        Requests.id(contactId, "contactId");
        return contacts.abandon(t, contactId).thenApply(CommandAccepted::of);
    }
}
