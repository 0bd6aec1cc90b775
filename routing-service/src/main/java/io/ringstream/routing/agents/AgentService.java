package io.ringstream.routing.agents;

import io.micronaut.http.HttpStatus;
import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.EventIds;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommand.AgentSpec;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.live.OfferLookup;
import io.ringstream.routing.live.RoutingView;
import io.ringstream.routing.route.Router;
import io.ringstream.routing.screenpop.ScreenPop;
import io.ringstream.routing.web.ProblemException;
import io.ringstream.routing.web.Requests;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What an agent desktop may do, decided in one place without HTTP: builds the agent's routing
 * commands (ids from {@code ids}, times from {@code clock}), applies the offer rules before an
 * accept or reject is sent, and follows the agent's assignments. {@link AgentController} only
 * parses requests and maps results.
 *
 * <p>Offer rules: an offer the service never heard of is a 404 problem ({@code unknown-offer}); an
 * offer made to another agent, or one that already ended, is a 409 problem ({@code
 * offer-not-pending}). Accepting or rejecting a pending offer sends a command whose id derives from
 * the offer, so a retried answer is the same command.
 */
public final class AgentService {
    private final CommandSink commands;
    private final RoutingView view;
    private final ScreenPop screenPop;
    private final InstantSource clock;
    private final Supplier<String> ids;

    /**
     * @param ids new ids for login and state commands, which have nothing stable to derive one from
     */
    public AgentService(
            CommandSink commands,
            RoutingView view,
            ScreenPop screenPop,
            InstantSource clock,
            Supplier<String> ids) {
        this.commands = commands;
        this.view = view;
        this.screenPop = screenPop;
        this.clock = clock;
        this.ids = ids;
    }

    /** Logs the agent in with a profile; the profile needs an endpoint and a queue. */
    public CompletableFuture<RoutingCommand> login(String tenant, String agentId, AgentSpec spec) {
        if (spec.endpoint() == null || spec.endpoint().isBlank()) {
            throw Requests.invalid("endpoint is required");
        }
        return send(
                RoutingCommand.agentLogin(
                        ids.get(), tenant, clock.millis(), Router.SOURCE, agentId, spec));
    }

    /** READY, NOT_READY (which needs a reason) or LOGGED_OUT. */
    public CompletableFuture<RoutingCommand> changeState(
            String tenant, String agentId, AgentStateRequest.State state, String reason) {
        RoutingCommandType type =
                switch (state) {
                    case READY -> RoutingCommandType.AGENT_READY;
                    case NOT_READY -> RoutingCommandType.AGENT_NOT_READY;
                    case LOGGED_OUT -> RoutingCommandType.AGENT_LOGOUT;
                };
        return send(
                RoutingCommand.forAgent(
                        ids.get(), type, tenant, clock.millis(), Router.SOURCE, agentId, reason));
    }

    /** Ends the agent's after-contact work. */
    public CompletableFuture<RoutingCommand> wrapUpDone(String tenant, String agentId) {
        return send(
                RoutingCommand.forAgent(
                        ids.get(),
                        RoutingCommandType.WRAP_UP_ENDED,
                        tenant,
                        clock.millis(),
                        Router.SOURCE,
                        agentId,
                        null));
    }

    /** Accepts a pending offer made to this agent. */
    public CompletableFuture<RoutingCommand> accept(
            String tenant, String agentId, String offerId, String reason) {
        return answer(tenant, agentId, offerId, reason, RoutingCommandType.OFFER_ACCEPTED);
    }

    /** Rejects a pending offer made to this agent; the contact goes to another agent. */
    public CompletableFuture<RoutingCommand> reject(
            String tenant, String agentId, String offerId, String reason) {
        return answer(tenant, agentId, offerId, reason, RoutingCommandType.OFFER_REJECTED);
    }

    /**
     * Calls {@code listener} with each later offer step of the agent, on the feeding thread; close
     * the handle to stop.
     */
    public AutoCloseable follow(String tenant, String agentId, Consumer<Assignment> listener) {
        return view.subscribe(tenant, agentId, listener);
    }

    /** The agent's offers waiting for an answer now, oldest first. */
    public List<Assignment> pendingOffers(String tenant, String agentId) {
        return view.pendingOffersOf(tenant, agentId);
    }

    /**
     * What the desktop shows of an offer step: an OFFERED one with the customer card (the
     * screen-pop) when there is one. Completes when the card is read, or given up on (the card's
     * deadline).
     */
    public CompletableFuture<AssignmentView> describe(Assignment a) {
        if (a.type() != AssignmentType.OFFERED) {
            return CompletableFuture.completedFuture(AssignmentView.of(a, null));
        }
        return screenPop.cardFor(a).thenApply(card -> AssignmentView.of(a, card));
    }

    private CompletableFuture<RoutingCommand> answer(
            String tenant, String agentId, String offerId, String reason, RoutingCommandType type) {
        OfferLookup offer = view.offer(tenant, offerId);
        if (!offer.known()) {
            throw new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "unknown-offer",
                    "Unknown offer",
                    "no offer '" + offerId + "' for tenant '" + tenant + "'");
        }
        if (offer.offer() != null && !offer.offer().agentId().equals(agentId)) {
            throw notPending("offer '" + offerId + "' was made to another agent");
        }
        if (!offer.pending()) {
            throw notPending("offer '" + offerId + "' already ended: " + offer.ended());
        }
        return send(
                RoutingCommand.forOffer(
                        EventIds.of(Router.SOURCE, tenant, offerId, type.name()),
                        type,
                        tenant,
                        clock.millis(),
                        Router.SOURCE,
                        agentId,
                        offerId,
                        reason));
    }

    private CompletableFuture<RoutingCommand> send(RoutingCommand command) {
        return Commands.send(commands, command);
    }

    private static ProblemException notPending(String detail) {
        return new ProblemException(
                HttpStatus.CONFLICT, "offer-not-pending", "Offer not pending", detail);
    }
}
