package io.ringstream.routing.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.ringstream.routing.web.Requests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;

/**
 * Ends a contact from outside the PBX (a chat closed on the agent desktop, a caller who left on a
 * PBX without AMI). With Asterisk, AMI's ABANDONED and ENDED events do the same on their own. Thin
 * glue over {@link ContactService}.
 */
@Controller("/v1/contacts/{contactId}")
@Tag(name = "contacts")
public class ContactController {
    private final ContactService contacts;

    public ContactController(ContactService contacts) {
        this.contacts = contacts;
    }

    @Post("/end")
    @Status(HttpStatus.ACCEPTED)
    @Operation(summary = "The conversation is over; its agent goes to wrap-up")
    public CompletableFuture<CommandAccepted> end(
            @PathVariable String contactId, @Nullable @QueryValue String tenant) {
        String t = Requests.tenant(tenant);
        Requests.id(contactId, "contactId");
        return contacts.end(t, contactId).thenApply(CommandAccepted::of);
    }

    @Post("/abandon")
    @Status(HttpStatus.ACCEPTED)
    @Operation(summary = "The customer left before being connected")
    public CompletableFuture<CommandAccepted> abandon(
            @PathVariable String contactId, @Nullable @QueryValue String tenant) {
        String t = Requests.tenant(tenant);
        Requests.id(contactId, "contactId");
        return contacts.abandon(t, contactId).thenApply(CommandAccepted::of);
    }
}
