package io.ringstream.routing.route;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.SerdeImport;
import io.ringstream.events.RoutingCommand;
import io.ringstream.routing.contract.ChannelIdentity;
import io.ringstream.routing.contract.RouteAnswer;
import io.ringstream.routing.contract.RouteRequest;
import io.ringstream.routing.screenpop.InvalidIdentityException;
import io.ringstream.routing.security.AgentEndpoints;
import io.ringstream.routing.security.Callers;
import io.ringstream.routing.web.ProblemException;
import io.ringstream.routing.web.Requests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/route}: the PBX's question "which agent takes this contact?"; glue over Router.
 * Only a PBX client may ask, in the tenant of its credentials; the agent's endpoint is checked
 * against the tenant's endpoint policy once more before the PBX gets it to dial.
 */
@Controller("/v1/route")
@Tag(name = "pbx")
@Secured("PBX")
@SerdeImport(RouteRequest.class)
@SerdeImport(RouteAnswer.class)
@SerdeImport(ChannelIdentity.class)
public class RouteController {
    private static final Logger LOG = LoggerFactory.getLogger(RouteController.class);
    private static final int MAX_IDENTITY_VALUE = 320;
    private static final int MAX_DISPLAY_NAME = 200;

    private final Router router;
    private final AgentEndpoints endpoints;

    public RouteController(Router router, AgentEndpoints endpoints) {
        this.router = router;
        this.endpoints = endpoints;
    }

    /**
     * Queues the contact (once) and answers within the wait: CONNECT with the agent's endpoint, or
     * WAIT with the queue position and estimated wait. Ask again after retryAfterSeconds. With
     * transferFrom, the agent of that offer hands the contact on and it is routed again.
     */
    @Post
    @Operation(summary = "Route a contact: an agent's endpoint, or WAIT with the queue position")
    public CompletableFuture<RouteAnswer> route(
            Authentication authentication, @Body RouteRequest request) {
        String tenant = Callers.tenant(Callers.of(authentication), request.tenant());
        RoutingCommand command = router.command(tenant, request);
        List<String> problems = new ArrayList<>(command.violations());
        if (request.contactId() != null && !Requests.ID.matcher(request.contactId()).matches()) {
            problems.add("contactId must match " + Requests.ID.pattern());
        }
        if (request.transferFrom() != null
                && !Requests.ID.matcher(request.transferFrom()).matches()) {
            problems.add("transferFrom must match " + Requests.ID.pattern());
        }
        if (request.waitMillis() != null
                && (request.waitMillis() < 0 || request.waitMillis() > Router.MAX_WAIT_MILLIS)) {
            problems.add("waitMillis must be 0.." + Router.MAX_WAIT_MILLIS);
        }
        if (!problems.isEmpty()) {
            throw Requests.invalid(problems);
        }
        List<String> identity = identityProblems(request.identity());
        if (!identity.isEmpty()) {
            throw invalidIdentity(String.join("; ", identity));
        }
        Duration wait = router.waitOf(request);
        return router.route(tenant, request, wait)
                .exceptionally(
                        e -> {
                            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                            if (cause instanceof InvalidIdentityException invalid) {
                                throw invalidIdentity(invalid.getMessage());
                            }
                            throw Requests.unavailable(e);
                        })
                .thenApply(this::safeToDial);
    }

    /** 422: the request is well formed, but its identity is not one of its kind. */
    private static ProblemException invalidIdentity(String detail) {
        return new ProblemException(
                HttpStatus.UNPROCESSABLE_ENTITY, "invalid-identity", "Invalid identity", detail);
    }

    /** What is wrong with a channel identity's shape; its value is checked when it is resolved. */
    private static List<String> identityProblems(ChannelIdentity identity) {
        List<String> problems = new ArrayList<>();
        if (identity == null) {
            return problems;
        }
        if (identity.kind() == null || !ChannelIdentity.KINDS.contains(identity.kind())) {
            problems.add("identity.kind must be one of EMAIL, PHONE, WHATSAPP, INSTAGRAM");
        }
        if (identity.value() == null
                || identity.value().isBlank()
                || identity.value().length() > MAX_IDENTITY_VALUE) {
            problems.add("identity.value must be 1.." + MAX_IDENTITY_VALUE + " characters");
        }
        if (identity.displayName() != null && identity.displayName().length() > MAX_DISPLAY_NAME) {
            problems.add(
                    "identity.displayName must be at most " + MAX_DISPLAY_NAME + " characters");
        }
        return problems;
    }

    /** A CONNECT whose target the tenant's policy refuses is never handed to Dial(): 502. */
    private RouteAnswer safeToDial(RouteAnswer answer) {
        if (answer.action() == RouteAnswer.Action.CONNECT
                && !endpoints.allowed(answer.tenant(), answer.target())) {
            LOG.warn(
                    "refused to hand agent {} of tenant {} to the PBX: its endpoint is not allowed",
                    answer.agentId(),
                    answer.tenant());
            throw new ProblemException(
                    HttpStatus.BAD_GATEWAY,
                    "endpoint-refused",
                    "Endpoint refused",
                    "the offered agent's endpoint is not allowed by the tenant's policy");
        }
        return answer;
    }
}
