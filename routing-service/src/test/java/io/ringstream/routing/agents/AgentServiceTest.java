package io.ringstream.routing.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.events.AssignmentType;
import io.ringstream.events.Channel;
import io.ringstream.events.EventIds;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommand.AgentSpec;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.routing.kafka.RecordingCommandSink;
import io.ringstream.routing.live.Assignments;
import io.ringstream.routing.live.RoutingView;
import io.ringstream.routing.screenpop.CustomerCard;
import io.ringstream.routing.screenpop.ScreenPop;
import io.ringstream.routing.web.ProblemException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The agent desktop's rules without HTTP: which command each action sends (with ids and times from
 * the injected sources) and when an offer answer is refused.
 */
class AgentServiceTest {
    private static final long NOW = 1_709_287_260_000L;

    private final RecordingCommandSink sink = new RecordingCommandSink();
    private final RoutingView view = new RoutingView();
    private final ScreenPop screenPop =
            offered ->
                    CompletableFuture.completedFuture(
                            CustomerCard.of(
                                    offered.customerId(),
                                    "Ana",
                                    "gold",
                                    List.of(),
                                    List.of(),
                                    List.of()));
    private final AtomicInteger nextId = new AtomicInteger();
    private final AgentService agents =
            new AgentService(
                    sink,
                    view,
                    screenPop,
                    InstantSource.fixed(Instant.ofEpochMilli(NOW)),
                    () -> "id-" + nextId.incrementAndGet());

    private static AgentSpec spec(String endpoint, List<String> queues) {
        return new AgentSpec(
                endpoint, Map.of("billing", 5), List.of("es"), queues, Map.of(Channel.VOICE, 1), 3);
    }

    @Test
    void loginSendsTheProfileWithANewIdAndTheClocksTime() {
        RoutingCommand login =
                agents.login("t", "a1", spec("PJSIP/1001", List.of("support"))).join();

        assertThat(login.type()).isEqualTo(RoutingCommandType.AGENT_LOGIN);
        assertThat(login.eventId()).isEqualTo("id-1");
        assertThat(login.eventTime()).isEqualTo(NOW);
        assertThat(login.source()).isEqualTo("routing-service");
        assertThat(login.tenant()).isEqualTo("t");
        assertThat(login.agentId()).isEqualTo("a1");
        assertThat(login.agent().endpoint()).isEqualTo("PJSIP/1001");
        assertThat(login.agent().seniority()).isEqualTo(3);
        assertThat(sink.sent()).containsExactly(login);
    }

    @Test
    void aLoginWithoutEndpointOrQueueIsA400AndSendsNothing() {
        assertProblem(() -> agents.login("t", "a1", spec(" ", List.of("support"))), 400)
                .hasMessage("endpoint is required");
        assertProblem(() -> agents.login("t", "a1", spec("PJSIP/1001", List.of())), 400)
                .hasMessageContaining("agent.queues must name at least one queue");
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void eachStateBecomesItsCommand() {
        agents.changeState("t", "a1", AgentStateRequest.State.READY, null).join();
        agents.changeState("t", "a1", AgentStateRequest.State.NOT_READY, "break").join();
        agents.changeState("t", "a1", AgentStateRequest.State.LOGGED_OUT, null).join();

        assertThat(sink.sent())
                .extracting(RoutingCommand::type)
                .containsExactly(
                        RoutingCommandType.AGENT_READY,
                        RoutingCommandType.AGENT_NOT_READY,
                        RoutingCommandType.AGENT_LOGOUT);
        assertThat(sink.sent())
                .extracting(RoutingCommand::eventId)
                .containsExactly("id-1", "id-2", "id-3");
        assertThat(sink.sent()).extracting(RoutingCommand::eventTime).containsOnly(NOW);
        assertThat(sink.sent().get(1).reason()).isEqualTo("break");
    }

    @Test
    void notReadyWithoutAReasonIsA400() {
        assertProblem(
                        () ->
                                agents.changeState(
                                        "t", "a1", AgentStateRequest.State.NOT_READY, null),
                        400)
                .hasMessageContaining("reason");
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void wrapUpDoneEndsTheAfterContactWork() {
        RoutingCommand done = agents.wrapUpDone("t", "a1").join();

        assertThat(done.type()).isEqualTo(RoutingCommandType.WRAP_UP_ENDED);
        assertThat(done.eventId()).isEqualTo("id-1");
        assertThat(done.eventTime()).isEqualTo(NOW);
        assertThat(done.agentId()).isEqualTo("a1");
    }

    @Test
    void anUnknownOfferIsA404() {
        assertProblem(() -> agents.accept("t", "a1", "nope", null), 404)
                .hasMessage("no offer 'nope' for tenant 't'")
                .satisfies(
                        e -> assertThat(((ProblemException) e).type()).endsWith("/unknown-offer"));
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void anOfferMadeToAnotherAgentIsA409() {
        view.apply(Assignments.of(AssignmentType.OFFERED, "t", "o1", "c1", "a1"));

        assertProblem(() -> agents.accept("t", "a2", "o1", null), 409)
                .hasMessage("offer 'o1' was made to another agent")
                .satisfies(
                        e ->
                                assertThat(((ProblemException) e).type())
                                        .endsWith("/offer-not-pending"));
        assertProblem(() -> agents.reject("t", "a2", "o1", "mine?"), 409);
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void anOfferThatAlreadyEndedIsA409NamingHowItEnded() {
        view.apply(Assignments.of(AssignmentType.OFFERED, "t", "o1", "c1", "a1"));
        view.apply(Assignments.of(AssignmentType.TIMED_OUT, "t", "o1", "c1", "a1"));

        assertProblem(() -> agents.accept("t", "a1", "o1", null), 409)
                .hasMessage("offer 'o1' already ended: TIMED_OUT");
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void answeringAPendingOfferSendsACommandWhoseIdDerivesFromTheOffer() {
        view.apply(Assignments.of(AssignmentType.OFFERED, "t", "o1", "c1", "a1"));

        RoutingCommand accepted = agents.accept("t", "a1", "o1", null).join();
        RoutingCommand again = agents.accept("t", "a1", "o1", null).join();
        RoutingCommand rejected = agents.reject("t", "a1", "o1", "busy").join();

        assertThat(accepted.type()).isEqualTo(RoutingCommandType.OFFER_ACCEPTED);
        assertThat(accepted.eventId())
                .isEqualTo(EventIds.of("routing-service", "t", "o1", "OFFER_ACCEPTED"))
                .isEqualTo(again.eventId());
        assertThat(accepted.eventTime()).isEqualTo(NOW);
        assertThat(accepted.offerId()).isEqualTo("o1");
        assertThat(accepted.agentId()).isEqualTo("a1");
        assertThat(rejected.type()).isEqualTo(RoutingCommandType.OFFER_REJECTED);
        assertThat(rejected.eventId())
                .isEqualTo(EventIds.of("routing-service", "t", "o1", "OFFER_REJECTED"));
        assertThat(rejected.reason()).isEqualTo("busy");
        assertThat(nextId).as("offer answers mint no random id").hasValue(0);
        assertThat(sink.sent()).hasSize(3);
    }

    @Test
    void aCommandThatCannotBeSentFailsAsA503() {
        sink.failing(true);

        CompletableFuture<RoutingCommand> ready =
                agents.changeState("t", "a1", AgentStateRequest.State.READY, null);

        assertThatThrownBy(ready::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(ProblemException.class)
                .hasMessage("down")
                .satisfies(
                        e -> {
                            ProblemException problem = (ProblemException) e;
                            assertThat(problem.getStatus().getCode()).isEqualTo(503);
                            assertThat(problem.type()).endsWith("/routing-unavailable");
                        });
    }

    @Test
    void anOfferIsDescribedWithTheCustomerAndItsOutcomeWithout() {
        AssignmentView offered =
                agents.describe(Assignments.of(AssignmentType.OFFERED, "t", "o1", "c1", "a1", "k1"))
                        .join();
        AssignmentView accepted =
                agents.describe(
                                Assignments.of(
                                        AssignmentType.ACCEPTED, "t", "o1", "c1", "a1", "k1"))
                        .join();

        assertThat(offered.customer().displayName()).isEqualTo("Ana");
        assertThat(accepted.customer()).isNull();
    }

    @Test
    void pendingOffersAndLaterStepsComeFromTheView() throws Exception {
        view.apply(Assignments.of(AssignmentType.OFFERED, "t", "o1", "c1", "a1"));
        List<String> later = new CopyOnWriteArrayList<>();

        try (AutoCloseable following = agents.follow("t", "a1", a -> later.add(a.offerId()))) {
            view.apply(Assignments.of(AssignmentType.OFFERED, "t", "o2", "c2", "a1"));
            view.apply(Assignments.of(AssignmentType.OFFERED, "t", "o3", "c3", "someone-else"));
        }

        assertThat(agents.pendingOffers("t", "a1"))
                .extracting(a -> a.offerId())
                .containsExactly("o1", "o2");
        assertThat(later).containsExactly("o2");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertProblem(
            ThrowingCallable call, int status) {
        return assertThatThrownBy(call)
                .isInstanceOf(ProblemException.class)
                .satisfies(
                        e ->
                                assertThat(((ProblemException) e).getStatus().getCode())
                                        .isEqualTo(status));
    }
}
