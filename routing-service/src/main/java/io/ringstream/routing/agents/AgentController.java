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
import io.micronaut.serde.annotation.SerdeImport;
import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.EventIds;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommand.AgentSpec;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.routing.contract.OfferAnswerRequest;
import io.ringstream.routing.crm.CrmDirectory;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.live.OfferLookup;
import io.ringstream.routing.live.RoutingView;
import io.ringstream.routing.route.Router;
import io.ringstream.routing.web.ProblemException;
import io.ringstream.routing.web.Requests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The agent desktop's API: log in with a profile, change state, answer offers, finish wrap-up, and
 * a server-sent event stream of the agent's assignments. Commands go to the routing job; their
 * effects come back on the stream. Thin glue over {@link CommandSink} and {@link RoutingView}.
 */
@Controller("/v1/agents/{agentId}")
@Tag(name = "agents")
@SerdeImport(OfferAnswerRequest.class)
public class AgentController {
    private final CommandSink commands;
    private final RoutingView view;
    private final CrmDirectory crm;

    public AgentController(CommandSink commands, RoutingView view, CrmDirectory crm) {
        this.commands = commands;
        this.view = view;
        this.crm = crm;
    }

    @Post("/login")
    @Status(HttpStatus.ACCEPTED)
    @Operation(summary = "Log the agent in with skills, languages, queues and capacity")
    public CompletableFuture<CommandAccepted> login(
            @PathVariable String agentId, @Body AgentLoginRequest body) {
        String tenant = Requests.tenant(body.tenant());
        Requests.id(agentId, "agentId");
        AgentSpec spec =
                new AgentSpec(
                        body.endpoint(),
                        body.skills(),
                        body.languages(),
                        body.queues(),
                        body.capacity(),
                        body.seniority());
        RoutingCommand command =
                RoutingCommand.agentLogin(newId(), tenant, now(), Router.SOURCE, agentId, spec);
        if (body.endpoint() == null || body.endpoint().isBlank()) {
            throw Requests.invalid("endpoint is required");
        }
        return send(command);
    }

    @Post("/state")
    @Status(HttpStatus.ACCEPTED)
    @Operation(summary = "Set the agent READY, NOT_READY (with a reason) or LOGGED_OUT")
    public CompletableFuture<CommandAccepted> state(
            @PathVariable String agentId, @Body AgentStateRequest body) {
        String tenant = Requests.tenant(body.tenant());
        Requests.id(agentId, "agentId");
        if (body.state() == null) {
            throw Requests.invalid("state is required (READY, NOT_READY, LOGGED_OUT)");
        }
        RoutingCommandType type =
                switch (body.state()) {
                    case READY -> RoutingCommandType.AGENT_READY;
                    case NOT_READY -> RoutingCommandType.AGENT_NOT_READY;
                    case LOGGED_OUT -> RoutingCommandType.AGENT_LOGOUT;
                };
        return send(
                RoutingCommand.forAgent(
                        newId(), type, tenant, now(), Router.SOURCE, agentId, body.reason()));
    }

    @Post("/wrap-up-done")
    @Status(HttpStatus.ACCEPTED)
    @Operation(summary = "End the agent's after-contact work")
    public CompletableFuture<CommandAccepted> wrapUpDone(
            @PathVariable String agentId, @Nullable @QueryValue String tenant) {
        String t = Requests.tenant(tenant);
        Requests.id(agentId, "agentId");
        return send(
                RoutingCommand.forAgent(
                        newId(),
                        RoutingCommandType.WRAP_UP_ENDED,
                        t,
                        now(),
                        Router.SOURCE,
                        agentId,
                        null));
    }

    @Post("/offers/{offerId}/accept")
    @Status(HttpStatus.ACCEPTED)
    @Operation(summary = "Accept an offer made to this agent")
    public CompletableFuture<CommandAccepted> accept(
            @PathVariable String agentId,
            @PathVariable String offerId,
            @Nullable @QueryValue String tenant,
            @Nullable @Body OfferAnswerRequest body) {
        return answer(agentId, offerId, tenant, body, RoutingCommandType.OFFER_ACCEPTED);
    }

    @Post("/offers/{offerId}/reject")
    @Status(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Reject an offer; the contact goes to another agent, never back to this one")
    public CompletableFuture<CommandAccepted> reject(
            @PathVariable String agentId,
            @PathVariable String offerId,
            @Nullable @QueryValue String tenant,
            @Nullable @Body OfferAnswerRequest body) {
        return answer(agentId, offerId, tenant, body, RoutingCommandType.OFFER_REJECTED);
    }

    /**
     * The agent's assignments as server-sent events, named by type: CONNECTED once the stream is
     * live, then the offers pending now, then each later one (OFFERED, ACCEPTED, REJECTED,
     * TIMED_OUT, CANCELLED). OFFERED carries the customer's CRM summary when known.
     */
    @Get(value = "/assignments", produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(summary = "Stream the agent's offers and their outcomes (server-sent events)")
    public Publisher<Event<AssignmentView>> assignments(
            @PathVariable String agentId, @Nullable @QueryValue String tenant) {
        String t = Requests.tenant(tenant);
        Requests.id(agentId, "agentId");
        return Flux.create(
                sink -> {
                    AutoCloseable subscription =
                            view.subscribe(t, agentId, a -> sink.next(event(a)));
                    sink.next(Event.of(AssignmentView.connected(agentId)).name("CONNECTED"));
                    view.pendingOffersOf(t, agentId).forEach(a -> sink.next(event(a)));
                    sink.onDispose(() -> close(subscription));
                },
                FluxSink.OverflowStrategy.BUFFER);
    }

    private Event<AssignmentView> event(Assignment a) {
        AssignmentView view =
                AssignmentView.of(
                        a,
                        a.type() == AssignmentType.OFFERED
                                ? crm.find(a.tenant(), a.customerId()).orElse(null)
                                : null);
        return Event.of(view).name(a.type().name()).id(a.eventId());
    }

    private CompletableFuture<CommandAccepted> answer(
            String agentId,
            String offerId,
            String queryTenant,
            OfferAnswerRequest body,
            RoutingCommandType type) {
        // The tenant may come in the query (no body) or in the body.
        String tenant =
                Requests.tenant(
                        body != null && body.tenant() != null ? body.tenant() : queryTenant);
        Requests.id(agentId, "agentId");
        Requests.id(offerId, "offerId");
        OfferLookup offer = view.offer(tenant, offerId);
        if (!offer.known()) {
            throw new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "unknown-offer",
                    "Unknown offer",
                    "no offer '" + offerId + "' for tenant '" + tenant + "'");
        }
        if (offer.offer() != null && !offer.offer().agentId().equals(agentId)) {
            throw conflict("offer '" + offerId + "' was made to another agent");
        }
        if (!offer.pending()) {
            throw conflict("offer '" + offerId + "' already ended: " + offer.ended());
        }
        String id = EventIds.of(Router.SOURCE, tenant, offerId, type.name());
        return send(
                RoutingCommand.forOffer(
                        id,
                        type,
                        tenant,
                        now(),
                        Router.SOURCE,
                        agentId,
                        offerId,
                        body == null ? null : body.reason()));
    }

    private CompletableFuture<CommandAccepted> send(RoutingCommand command) {
        var violations = command.violations();
        if (!violations.isEmpty()) {
            throw Requests.invalid(violations);
        }
        return commands.send(command)
                .thenApply(ignored -> CommandAccepted.of(command))
                .exceptionally(
                        e -> {
                            throw Requests.unavailable(e);
                        });
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(
                HttpStatus.CONFLICT, "offer-not-pending", "Offer not pending", detail);
    }

    private static void close(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
