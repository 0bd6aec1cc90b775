package io.ringstream.routing.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.SerdeImport;
import io.ringstream.events.Assignment;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommand.AgentSpec;
import io.ringstream.routing.contract.OfferAnswerRequest;
import io.ringstream.routing.security.AgentEndpoints;
import io.ringstream.routing.security.Callers;
import io.ringstream.routing.web.Requests;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * The agent desktop's API: log in with a profile, change state, answer offers, finish wrap-up, and
 * a server-sent event stream of the agent's assignments. Commands go to the routing job; their
 * effects come back on the stream. Thin glue over {@link AgentService}. Only the agent itself may
 * call it (role AGENT, the path's agent id is the token's subject), in the token's tenant; the PBX
 * may also answer an offer for the agent whose phone it rang (the dial result: FastAGI's {@code
 * route-result}).
 */
@Controller("/v1/agents/{agentId}")
@Tag(name = "agents")
@Secured("AGENT")
@SerdeImport(OfferAnswerRequest.class)
public class AgentController {
    private final AgentService agents;
    private final AgentEndpoints endpoints;

    public AgentController(AgentService agents, AgentEndpoints endpoints) {
        this.agents = agents;
        this.endpoints = endpoints;
    }

    @Post("/login")
    @Status(HttpStatus.ACCEPTED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Log the agent in with skills, languages, queues and capacity")
    public CompletableFuture<CommandAccepted> login(
            Authentication authentication,
            @PathVariable String agentId,
            @Body AgentLoginRequest body) {
        String tenant = self(authentication, agentId, body.tenant());
        AgentSpec spec =
                new AgentSpec(
                        endpoints.forLogin(tenant, agentId, body.endpoint()),
                        body.skills(),
                        body.languages(),
                        body.queues(),
                        body.capacity(),
                        body.seniority());
        return accepted(agents.login(tenant, agentId, spec));
    }

    @Post("/state")
    @Status(HttpStatus.ACCEPTED)
    @Operation(summary = "Set the agent READY, NOT_READY (with a reason) or LOGGED_OUT")
    public CompletableFuture<CommandAccepted> state(
            Authentication authentication,
            @PathVariable String agentId,
            @Body AgentStateRequest body) {
        String tenant = self(authentication, agentId, body.tenant());
        if (body.state() == null) {
            throw Requests.invalid("state is required (READY, NOT_READY, LOGGED_OUT)");
        }
        return accepted(agents.changeState(tenant, agentId, body.state(), body.reason()));
    }

    @Post("/wrap-up-done")
    @Status(HttpStatus.ACCEPTED)
    @Operation(summary = "End the agent's after-contact work")
    public CompletableFuture<CommandAccepted> wrapUpDone(
            Authentication authentication,
            @PathVariable String agentId,
            @Nullable @QueryValue String tenant) {
        return accepted(agents.wrapUpDone(self(authentication, agentId, tenant), agentId));
    }

    @Post("/offers/{offerId}/accept")
    @Status(HttpStatus.ACCEPTED)
    @Secured({"AGENT", "PBX"})
    @Operation(summary = "Accept an offer made to this agent")
    public CompletableFuture<CommandAccepted> accept(
            Authentication authentication,
            @PathVariable String agentId,
            @PathVariable String offerId,
            @Nullable @QueryValue String tenant,
            @Nullable @Body OfferAnswerRequest body) {
        String t = offerTenant(authentication, agentId, offerId, tenant, body);
        return accepted(agents.accept(t, agentId, offerId, reason(body)));
    }

    @Post("/offers/{offerId}/reject")
    @Status(HttpStatus.ACCEPTED)
    @Secured({"AGENT", "PBX"})
    @Operation(
            summary = "Reject an offer; the contact goes to another agent, never back to this one")
    public CompletableFuture<CommandAccepted> reject(
            Authentication authentication,
            @PathVariable String agentId,
            @PathVariable String offerId,
            @Nullable @QueryValue String tenant,
            @Nullable @Body OfferAnswerRequest body) {
        String t = offerTenant(authentication, agentId, offerId, tenant, body);
        return accepted(agents.reject(t, agentId, offerId, reason(body)));
    }

    /**
     * The agent's assignments as server-sent events, named by type: CONNECTED once the stream is
     * live, then the offers pending now, then each later one (OFFERED, ACCEPTED, REJECTED,
     * TIMED_OUT, CANCELLED). OFFERED carries the customer card (the screen-pop) when the caller is
     * known or ambiguous. A browser opens it with a one-time ticket ({@code POST
     * /v1/auth/stream-ticket}).
     *
     * <p>Cards are read as offers arrive, each within its deadline; {@code concatMap} keeps the
     * events in their order, so an offer's outcome never overtakes the OFFERED waiting for its
     * card.
     */
    @Get(value = "/assignments", produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(summary = "Stream the agent's offers and their outcomes (server-sent events)")
    public Publisher<Event<AssignmentView>> assignments(
            Authentication authentication,
            @PathVariable String agentId,
            @Nullable @QueryValue String tenant) {
        String t = self(authentication, agentId, tenant);
        return Flux.<Mono<Event<AssignmentView>>>create(
                        sink -> {
                            AutoCloseable subscription =
                                    agents.follow(t, agentId, a -> sink.next(event(a)));
                            sink.next(
                                    Mono.just(
                                            Event.of(AssignmentView.connected(agentId))
                                                    .name("CONNECTED")));
                            agents.pendingOffers(t, agentId).forEach(a -> sink.next(event(a)));
                            sink.onDispose(() -> close(subscription));
                        },
                        FluxSink.OverflowStrategy.BUFFER)
                .concatMap(event -> event);
    }

    /** The event of an offer step; its card starts loading now. */
    private Mono<Event<AssignmentView>> event(Assignment a) {
        return Mono.fromFuture(agents.describe(a))
                .map(view -> Event.of(view).name(a.type().name()).id(a.eventId()));
    }

    /** The tenant of an agent acting as itself; anyone else is refused with 403. */
    private static String self(Authentication authentication, String agentId, String tenant) {
        Requests.id(agentId, "agentId");
        Caller caller = Callers.of(authentication);
        Callers.ownAgent(caller, agentId);
        return Callers.tenant(caller, tenant);
    }

    /**
     * The tenant of an offer's answer, by the agent itself or by the PBX that rang it. The tenant
     * may come in the query (no body) or in the body.
     */
    private static String offerTenant(
            Authentication authentication,
            String agentId,
            String offerId,
            String queryTenant,
            OfferAnswerRequest body) {
        String requested = body != null && body.tenant() != null ? body.tenant() : queryTenant;
        Requests.id(agentId, "agentId");
        Requests.id(offerId, "offerId");
        Caller caller = Callers.of(authentication);
        if (!caller.has(Role.PBX)) {
            Callers.ownAgent(caller, agentId);
        }
        return Callers.tenant(caller, requested);
    }

    private static String reason(OfferAnswerRequest body) {
        return body == null ? null : body.reason();
    }

    private static CompletableFuture<CommandAccepted> accepted(
            CompletableFuture<RoutingCommand> sent) {
        return sent.thenApply(CommandAccepted::of);
    }

    private static void close(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
