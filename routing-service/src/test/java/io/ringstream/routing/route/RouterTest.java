package io.ringstream.routing.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.AssignmentType;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.routing.contract.RouteAnswer;
import io.ringstream.routing.contract.RouteRequest;
import io.ringstream.routing.kafka.RecordingCommandSink;
import io.ringstream.routing.live.Assignments;
import io.ringstream.routing.live.RoutingView;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Route requests: queued once, answered with the offer when it comes, else with a position. */
class RouterTest {
    private final RecordingCommandSink sink = new RecordingCommandSink();
    private final RoutingView view = new RoutingView();
    private final Router router =
            new Router(
                    sink,
                    view,
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(5),
                    InstantSource.fixed(Instant.ofEpochMilli(42)));

    private static RouteRequest request(String contactId, Long waitMillis) {
        return transfer(contactId, "support", waitMillis, null);
    }

    private static RouteRequest transfer(
            String contactId, String queue, Long waitMillis, String transferFrom) {
        return new RouteRequest(
                null,
                contactId,
                queue,
                null,
                Map.of("billing", 2),
                "es",
                null,
                "cust-1",
                null,
                waitMillis,
                transferFrom,
                null);
    }

    @Test
    void theCommandCarriesTheRequestAndAnIdStablePerContact() {
        RoutingCommand c = router.command("t", request("c1", null));

        assertThat(c.type()).isEqualTo(RoutingCommandType.CONTACT_QUEUED);
        assertThat(c.contact().skills()).containsEntry("billing", 2);
        assertThat(c.contact().language()).isEqualTo("es");
        assertThat(c.contact().customerId()).isEqualTo("cust-1");
        assertThat(c.eventTime()).isEqualTo(42L);
        assertThat(c.violations()).isEmpty();
        assertThat(router.command("t", request("c1", 5L)).eventId()).isEqualTo(c.eventId());
        assertThat(router.waitOf(request("c1", 5L))).isEqualTo(Duration.ofMillis(5));
        assertThat(router.waitOf(request("c1", null))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void answersConnectWhenTheOfferArrivesWithinTheWait() throws Exception {
        CompletableFuture<RouteAnswer> answer =
                router.route(router.command("t", request("c1", null)), Duration.ofSeconds(30));
        assertThat(answer).isNotDone();

        view.apply(Assignments.of(AssignmentType.OFFERED, "t", "o1", "c1", "a1"));

        RouteAnswer a = answer.get();
        assertThat(a.action()).isEqualTo(RouteAnswer.Action.CONNECT);
        assertThat(a.target()).isEqualTo("PJSIP/a1");
        assertThat(a.offerId()).isEqualTo("o1");
        assertThat(a.customerId()).as("the request's customer, for the bridge").isEqualTo("cust-1");
        assertThat(sink.sent()).hasSize(1);
    }

    @Test
    void answersWaitWithThePositionAndQueuesTheContactOnlyOnce() throws Exception {
        view.apply(Assignments.waiting("t", Assignments.T0, "c0", "c1"));

        RouteAnswer first =
                router.route(router.command("t", request("c1", 0L)), Duration.ZERO).get();
        RouteAnswer again =
                router.route(router.command("t", request("c1", 0L)), Duration.ZERO).get();

        for (RouteAnswer a : List.of(first, again)) {
            assertThat(a.action()).isEqualTo(RouteAnswer.Action.WAIT);
            assertThat(a.position()).isEqualTo(2);
            assertThat(a.estimatedWaitSeconds()).isEqualTo(60);
            assertThat(a.retryAfterSeconds()).isEqualTo(5);
            assertThat(a.customerId()).isEqualTo("cust-1");
        }
        assertThat(sink.sent()).hasSize(1);
    }

    @Test
    void aFailedSendIsReportedAndTriedAgainNextTime() throws Exception {
        sink.failing(true);
        CompletableFuture<RouteAnswer> failed =
                router.route(router.command("t", request("c1", 0L)), Duration.ZERO);
        assertThat(failed).isCompletedExceptionally();
        org.assertj.core.api.Assertions.assertThatThrownBy(failed::get)
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("down");

        sink.failing(false);
        router.route(router.command("t", request("c1", 0L)), Duration.ZERO).get();

        assertThat(sink.sent()).hasSize(1);
    }

    @Test
    void aTransferIsSentOnceAndNeverConnectsBackToTheAgentWhoHandedItOn() throws Exception {
        // given c1 was connected to a1 through offer o1
        router.route(router.command("t", request("c1", null)), Duration.ZERO).get();
        view.apply(Assignments.of(AssignmentType.OFFERED, "t", "o1", "c1", "a1"));
        view.apply(Assignments.of(AssignmentType.ACCEPTED, "t", "o1", "c1", "a1"));

        // when the dialplan transfers it to retention, then loops without repeating the transfer
        RoutingCommand command = router.command("t", transfer("c1", "retention", 0L, "o1"));
        RouteAnswer first = router.route(command, Duration.ZERO).get();
        RouteAnswer again =
                router.route(
                                router.command("t", transfer("c1", "retention", 0L, "o1")),
                                Duration.ZERO)
                        .get();
        RouteAnswer loop =
                router.route(
                                router.command("t", transfer("c1", "retention", 0L, null)),
                                Duration.ZERO)
                        .get();

        // then one transfer command went out and nobody connects the caller back to a1
        assertThat(command.type()).isEqualTo(RoutingCommandType.CONTACT_TRANSFERRED);
        assertThat(command.offerId()).isEqualTo("o1");
        assertThat(command.contact().queue()).isEqualTo("retention");
        assertThat(command.violations()).isEmpty();
        assertThat(sink.sent())
                .extracting(RoutingCommand::type)
                .containsExactly(
                        RoutingCommandType.CONTACT_QUEUED, RoutingCommandType.CONTACT_TRANSFERRED);
        for (RouteAnswer a : List.of(first, again, loop)) {
            assertThat(a.action()).isEqualTo(RouteAnswer.Action.WAIT);
            assertThat(a.offerId()).isNull();
        }

        // when the routing job offers it to r1
        CompletableFuture<RouteAnswer> waiting =
                router.route(router.command("t", request("c1", null)), Duration.ofSeconds(30));
        view.apply(Assignments.of(AssignmentType.OFFERED, "t", "o2", "c1", "r1"));

        // then the caller is connected to r1
        assertThat(waiting.get().offerId()).isEqualTo("o2");
        assertThat(waiting.get().target()).isEqualTo("PJSIP/r1");
    }
}
