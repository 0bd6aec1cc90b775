package io.ringstream.routing.funnels;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.SerdeImport;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.routing.security.Callers;
import io.ringstream.routing.web.Requests;
import io.ringstream.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@code /v1/admin/funnels}: a tenant's supervisors and admins define its conversion funnels at run
 * time. The tenant is always the token's (a {@code tenant} query naming another is 403), so a
 * tenant can only ever write its own funnels. Publishing is asynchronous: 202 means the definition
 * is valid and committed to the outbox; the conversion job applies it when it reads it.
 */
@Controller("/v1/admin/funnels")
@Tag(name = "admin")
@Secured({"SUPERVISOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = DataSource.class)
@SerdeImport(FunnelDefinition.class)
@SerdeImport(FunnelDefinition.Step.class)
public class FunnelController {
    private final FunnelService funnels;

    public FunnelController(FunnelService funnels) {
        this.funnels = funnels;
    }

    @Get
    @Operation(summary = "The tenant's funnels as last published here (withdrawn: active false)")
    public List<FunnelDefinition> list(
            Authentication authentication, @Nullable @QueryValue("tenant") String requested) {
        return funnels.all(Callers.tenant(Callers.of(authentication), requested));
    }

    @Put("/{funnelId}")
    @Operation(
            summary = "Define, replace or withdraw (active false) one of the tenant's funnels",
            description =
                    "Body: name, steps [{name, kind BUSINESS|CONTACT, eventType, stage, attributes}],"
                            + " windowMillis, orderMode ORDERED|STRICT, attribution"
                            + " FIRST_TOUCH|LAST_TOUCH|PRECEDING_CONTACT, active (default true)."
                            + " 202 with the published definition; 422 listing every violation."
                            + " The id 'sales' replaces the default sales funnel.")
    public HttpResponse<FunnelDefinition> put(
            Authentication authentication,
            @Nullable @QueryValue("tenant") String requested,
            @PathVariable String funnelId,
            @Body FunnelRequest body) {
        Caller caller = Callers.of(authentication);
        String tenant = Callers.tenant(caller, requested);
        Requests.id(funnelId, "funnelId");
        return HttpResponse.accepted().body(funnels.put(tenant, caller.subject(), funnelId, body));
    }

    @Delete("/{funnelId}")
    @Operation(
            summary = "Withdraw one of the tenant's funnels",
            description =
                    "Publishes its last definition with active false: the job stops tracking it."
                            + " 404 when it was never published here.")
    public HttpResponse<FunnelDefinition> withdraw(
            Authentication authentication,
            @Nullable @QueryValue("tenant") String requested,
            @PathVariable String funnelId) {
        Caller caller = Callers.of(authentication);
        String tenant = Callers.tenant(caller, requested);
        Requests.id(funnelId, "funnelId");
        return HttpResponse.accepted().body(funnels.withdraw(tenant, caller.subject(), funnelId));
    }
}
