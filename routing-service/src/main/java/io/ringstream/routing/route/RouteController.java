package io.ringstream.routing.route;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.SerdeImport;
import io.ringstream.events.RoutingCommand;
import io.ringstream.routing.contract.RouteAnswer;
import io.ringstream.routing.contract.RouteRequest;
import io.ringstream.routing.web.Requests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/route}: the PBX's question "which agent takes this contact?"; glue over Router.
 */
@Controller("/v1/route")
@Tag(name = "pbx")
@SerdeImport(RouteRequest.class)
@SerdeImport(RouteAnswer.class)
public class RouteController {
    private final Router router;

    public RouteController(Router router) {
        this.router = router;
    }

    /**
     * Queues the contact (once) and answers within the wait: CONNECT with the agent's endpoint, or
     * WAIT with the queue position and estimated wait. Ask again after retryAfterSeconds. With
     * transferFrom, the agent of that offer hands the contact on and it is routed again.
     */
    @Post
    @Operation(summary = "Route a contact: an agent's endpoint, or WAIT with the queue position")
    public CompletableFuture<RouteAnswer> route(@Body RouteRequest request) {
        String tenant = Requests.tenant(request.tenant());
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
        Duration wait = router.waitOf(request);
        return router.route(command, wait)
                .exceptionally(
                        e -> {
                            throw Requests.unavailable(e);
                        });
    }
}
