package io.ringstream.routing.leads;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.ringstream.customers.model.Lead;
import io.ringstream.routing.security.Callers;
import io.ringstream.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import javax.sql.DataSource;

/**
 * Leads (opportunities) of a customer and their stage, for agents and supervisors of the tenant.
 * Stage changes follow the domain rule ({@code LeadStage.canMoveTo}) and need the lead's version in
 * {@code If-Match}; each creation and move is also a business event (through the outbox).
 */
@Controller
@Tag(name = "customers")
@Secured({"AGENT", "SUPERVISOR"})
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = DataSource.class)
public class LeadController {
    private final LeadService leads;

    public LeadController(LeadService leads) {
        this.leads = leads;
    }

    @Post("/v1/customers/{customerId}/leads")
    @Operation(
            summary = "Create a lead of the customer (stage NEW); 201 with its ETag",
            description =
                    "A merged customer's id creates the lead on its survivor. 404 for an unknown"
                            + " customer or one of another tenant; 400 listing every invalid field.")
    public HttpResponse<LeadView> create(
            Authentication authentication,
            @PathVariable String customerId,
            @Body LeadRequest body) {
        Caller caller = Callers.of(authentication);
        Lead lead =
                leads.create(
                        caller.tenant(),
                        LeadProblems.customerId(customerId),
                        body,
                        caller.subject());
        return HttpResponse.created(LeadView.of(lead))
                .header(HttpHeaders.ETAG, IfMatch.etag(lead.version()))
                .header(HttpHeaders.LOCATION, "/v1/leads/" + lead.id());
    }

    @Get("/v1/customers/{customerId}/leads")
    @Operation(summary = "The customer's leads, newest first")
    public List<LeadView> ofCustomer(
            Authentication authentication, @PathVariable String customerId) {
        Caller caller = Callers.of(authentication);
        return leads.ofCustomer(caller.tenant(), LeadProblems.customerId(customerId)).stream()
                .map(LeadView::of)
                .toList();
    }

    @Get("/v1/leads/{leadId}")
    @Operation(summary = "A lead, with its version as ETag")
    public HttpResponse<LeadView> get(Authentication authentication, @PathVariable String leadId) {
        Caller caller = Callers.of(authentication);
        Lead lead = leads.get(caller.tenant(), LeadProblems.leadId(leadId));
        return HttpResponse.ok(LeadView.of(lead))
                .header(HttpHeaders.ETAG, IfMatch.etag(lead.version()));
    }

    @Post("/v1/leads/{leadId}/stage")
    @Operation(
            summary = "Move the lead to its next stage",
            description =
                    "Needs If-Match with the lead's ETag: 428 without it, 412 when stale. A move"
                            + " the stage rule refuses is 409 naming the rule (forward only, LOST"
                            + " with a reason before PAID, PAID and LOST final).")
    public HttpResponse<LeadView> move(
            Authentication authentication,
            @PathVariable String leadId,
            @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            @Body StageRequest body) {
        Caller caller = Callers.of(authentication);
        long expected = IfMatch.version(ifMatch);
        Lead lead =
                leads.move(
                        caller.tenant(),
                        LeadProblems.leadId(leadId),
                        expected,
                        body,
                        caller.subject());
        return HttpResponse.ok(LeadView.of(lead))
                .header(HttpHeaders.ETAG, IfMatch.etag(lead.version()));
    }
}
