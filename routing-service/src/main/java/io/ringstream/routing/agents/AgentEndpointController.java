package io.ringstream.routing.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.ringstream.routing.admin.EndpointRequest;
import io.ringstream.routing.security.AgentEndpoints;
import io.ringstream.routing.security.Callers;
import io.ringstream.routing.web.ProblemException;
import io.ringstream.routing.web.Requests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Where the PBX rings an agent. Set by a supervisor or admin of the agent's tenant, never by the
 * agent (an agent that could choose its endpoint could make the PBX dial premium numbers).
 */
@Controller("/v1/agents/{agentId}/endpoint")
@Tag(name = "agents")
@Secured({"SUPERVISOR", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class AgentEndpointController {
    private final AgentEndpoints endpoints;

    public AgentEndpointController(AgentEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Get
    @Operation(summary = "The agent's endpoint")
    public EndpointRequest get(
            Authentication authentication,
            @PathVariable String agentId,
            @Nullable @QueryValue("tenant") String requested) {
        String tenant = Callers.tenant(Callers.of(authentication), requested);
        Requests.id(agentId, "agentId");
        return endpoints
                .get(tenant, agentId)
                .map(EndpointRequest::new)
                .orElseThrow(
                        () ->
                                new ProblemException(
                                        HttpStatus.NOT_FOUND,
                                        "no-endpoint",
                                        "No endpoint",
                                        "agent '" + agentId + "' has no endpoint"));
    }

    @Put
    @Operation(summary = "Set the agent's endpoint, checked against the tenant's policy")
    public EndpointRequest put(
            Authentication authentication,
            @PathVariable String agentId,
            @Nullable @QueryValue("tenant") String requested,
            @Body EndpointRequest body) {
        String tenant = Callers.tenant(Callers.of(authentication), requested);
        Requests.id(agentId, "agentId");
        endpoints.set(tenant, agentId, body.endpoint());
        return body;
    }
}
