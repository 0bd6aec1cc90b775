package io.ringstream.routing.leads;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.ringstream.routing.security.Callers;
import io.ringstream.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.sql.DataSource;

/**
 * Agents' notes on a customer, for agents and supervisors of the tenant. The author is always the
 * caller (the token's subject), never a field of the body.
 */
@Controller("/v1/customers/{customerId}/notes")
@Tag(name = "customers")
@Secured({"AGENT", "SUPERVISOR"})
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = DataSource.class)
public class NoteController {
    private final NoteService notes;

    public NoteController(NoteService notes) {
        this.notes = notes;
    }

    @Post
    @Operation(
            summary = "Add a note to the customer, optionally about one of its leads",
            description =
                    "The author is the caller. 404 for an unknown customer or lead (or another"
                            + " tenant's); 422 for a lead of another customer.")
    public HttpResponse<NoteView> add(
            Authentication authentication,
            @PathVariable String customerId,
            @Body NoteRequest body) {
        Caller caller = Callers.of(authentication);
        return HttpResponse.created(
                NoteView.of(
                        notes.add(
                                caller.tenant(),
                                LeadProblems.customerId(customerId),
                                body,
                                caller.subject())));
    }

    @Get
    @Operation(
            summary = "The customer's notes, newest first, a page at a time",
            description = "limit 1..100 (default 20); pass nextCursor back as cursor for more.")
    public NotePage page(
            Authentication authentication,
            @PathVariable String customerId,
            @Nullable @QueryValue String cursor,
            @Nullable @QueryValue Integer limit) {
        Caller caller = Callers.of(authentication);
        return notes.page(caller.tenant(), LeadProblems.customerId(customerId), cursor, limit);
    }
}
