package io.ringstream.flink.routing;

import static io.ringstream.flink.routing.RoutingFixtures.T0;
import static io.ringstream.flink.routing.RoutingFixtures.agent;
import static io.ringstream.flink.routing.RoutingFixtures.answer;
import static io.ringstream.flink.routing.RoutingFixtures.contactEvent;
import static io.ringstream.flink.routing.RoutingFixtures.login;
import static io.ringstream.flink.routing.RoutingFixtures.queued;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommand.AgentSpec;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.events.RoutingStatus;
import io.ringstream.events.SupervisorAlert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The routing job's core without Flink: inputs in, assignments, audit rows and snapshots out. */
class TenantRouterTest {
    private static final String T = "acme";
    private final TenantRouter router =
            new TenantRouter(
                    T,
                    new TenantRouting(1_000),
                    RoutingSettings.defaults(RoutingFixtures.supportPolicy()));

    private RoutingOutputs apply(RoutingCommand c, long now) {
        return router.apply(RoutingInput.of(c), now);
    }

    private void ready(String agentId, int billing, String language, long at) {
        apply(login(T, agentId, Map.of("billing", billing), List.of(language), at), at);
        apply(agent(RoutingCommandType.AGENT_READY, T, agentId, at), at);
    }

    private static Assignment only(RoutingOutputs out, AssignmentType type) {
        List<Assignment> of = out.assignments().stream().filter(a -> a.type() == type).toList();
        assertThat(of).hasSize(1);
        return of.get(0);
    }

    @Test
    void aSpanishBillingCallGoesToTheProficientSpanishBillingAgent() {
        ready("es-5", 5, "es", T0);
        ready("es-2", 2, "es", T0 + 1);
        ready("en-5", 5, "en", T0 + 2);

        RoutingOutputs out =
                apply(queued(T, "c1", Map.of("billing", 3), "es", "cust-1", T0 + 10), T0 + 10);

        Assignment offer = only(out, AssignmentType.OFFERED);
        assertThat(offer.agentId()).isEqualTo("es-5");
        assertThat(offer.endpoint()).isEqualTo("PJSIP/es-5");
        assertThat(offer.step()).isEqualTo(1);
        assertThat(offer.customerId()).isEqualTo("cust-1");
        assertThat(offer.expiresAt()).isEqualTo(T0 + 10 + 5_000);
        assertThat(offer.violations()).isEmpty();
        assertThat(out.decisions()).hasSize(1);
        DecisionRow row = out.decisions().get(0);
        assertThat(row.decisionId()).isEqualTo(offer.decisionId());
        assertThat(row.chosenAgentId()).isEqualTo("es-5");
        assertThat(row.offerId()).isEqualTo(offer.offerId());
        assertThat(row.step()).isEqualTo(1);
        assertThat(row.strategy()).isEqualTo("BEST_FIT");
        assertThat(row.eligibleCount()).isEqualTo(1);
        assertThat(row.candidateCount()).isEqualTo(3);
        assertThat(row.candidatesJson())
                .contains("\"agentId\":\"es-5\"", "\"eligible\":true")
                .contains("\"agentId\":\"en-5\"", "\"agentId\":\"es-2\"");
    }

    @Test
    void withTheProficientAgentBusyTheCallRelaxesToTheNextStepAfterTheStepsTime() {
        ready("es-5", 5, "es", T0);
        ready("es-2", 2, "es", T0);
        Assignment first =
                only(
                        apply(queued(T, "c0", Map.of("billing", 3), "es", null, T0), T0),
                        AssignmentType.OFFERED);
        apply(answer(RoutingCommandType.OFFER_ACCEPTED, T, "es-5", first.offerId(), T0), T0);

        long at = T0 + 1_000;
        // The contact accepts any billing level; step 1 asks for 4, step 2 for 2.
        assertThat(apply(queued(T, "c1", Map.of("billing", 1), "es", null, at), at).assignments())
                .isEmpty();
        assertThat(router.advance(at + 9_999).assignments()).isEmpty();
        assertThat(router.nextDeadline()).hasValue(at + 10_000);

        Assignment relaxed = only(router.advance(at + 10_000), AssignmentType.OFFERED);
        assertThat(relaxed.agentId()).isEqualTo("es-2");
        assertThat(relaxed.step()).isEqualTo(2);
    }

    @Test
    void aRejectedOfferGoesToAnotherAgentAndATimedOutOneIsOfferedAgain() {
        ready("a1", 5, "es", T0);
        ready("a2", 4, "es", T0 + 1);
        ready("a3", 4, "es", T0 + 2);
        Assignment first =
                only(
                        apply(queued(T, "c1", Map.of("billing", 3), "es", null, T0 + 5), T0 + 5),
                        AssignmentType.OFFERED);
        assertThat(first.agentId()).isEqualTo("a1");

        RoutingOutputs rejected =
                apply(
                        answer(RoutingCommandType.OFFER_REJECTED, T, "a1", first.offerId(), T0 + 6),
                        T0 + 6);
        assertThat(only(rejected, AssignmentType.REJECTED).offerId()).isEqualTo(first.offerId());
        Assignment second = only(rejected, AssignmentType.OFFERED);
        assertThat(second.agentId()).isIn("a2", "a3");

        RoutingOutputs timedOut = router.advance(second.expiresAt());
        assertThat(only(timedOut, AssignmentType.TIMED_OUT).agentId()).isEqualTo(second.agentId());
        Assignment third = only(timedOut, AssignmentType.OFFERED);
        assertThat(third.agentId()).isIn("a2", "a3").isNotEqualTo(second.agentId());
        assertThat(third.contactId()).isEqualTo("c1");
    }

    @Test
    void identifyingTheCustomerOfAWaitingContactChangesNoRouting() {
        apply(queued(T, "c1", Map.of("billing", 3), "es", null, T0), T0);

        RoutingOutputs out =
                router.apply(
                        RoutingInput.of(
                                contactEvent(T, "c1", ContactEventType.IDENTIFIED, T0 + 1_000)),
                        T0 + 1_000);

        assertThat(out.assignments()).isEmpty();
        assertThat(StatusSnapshots.build(T, router, T0 + 1_000, 1, 10).queues().get(0).contacts())
                .singleElement()
                .satisfies(c -> assertThat(c.contactId()).isEqualTo("c1"));
    }

    @Test
    void anAgentInWrapUpReceivesNothingUntilItEnds() {
        ready("a1", 5, "es", T0);
        Assignment offer =
                only(
                        apply(queued(T, "c1", Map.of("billing", 3), "es", null, T0), T0),
                        AssignmentType.OFFERED);
        apply(answer(RoutingCommandType.OFFER_ACCEPTED, T, "a1", offer.offerId(), T0 + 1), T0 + 1);
        router.apply(
                RoutingInput.of(contactEvent(T, "c1", ContactEventType.ENDED, T0 + 60_000)),
                T0 + 60_000);

        assertThat(
                        apply(
                                        queued(
                                                T,
                                                "c2",
                                                Map.of("billing", 3),
                                                "es",
                                                null,
                                                T0 + 61_000),
                                        T0 + 61_000)
                                .assignments())
                .isEmpty();
        RoutingStatus status = StatusSnapshots.build(T, router, T0 + 61_000, 1, 10);
        assertThat(status.agents())
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo("WRAP_UP"));
        assertThat(status.queues().get(0).contacts())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.contactId()).isEqualTo("c2");
                            assertThat(c.position()).isEqualTo(1);
                        });

        Assignment afterWrapUp = only(router.advance(T0 + 90_000), AssignmentType.OFFERED);
        assertThat(afterWrapUp.contactId()).isEqualTo("c2");
        assertThat(afterWrapUp.agentId()).isEqualTo("a1");
    }

    @Test
    void askingAgainForAQueuedContactChangesNothing() {
        apply(queued(T, "c1", Map.of(), null, null, T0), T0);

        RoutingOutputs again = apply(queued(T, "c1", Map.of(), null, null, T0 + 1), T0 + 1);

        assertThat(again.assignments()).isEmpty();
        assertThat(again.changed()).isFalse();
        assertThat(router.engine().state().contactCount()).isEqualTo(1);
    }

    @Test
    void onlyTheAgentAnOfferWasMadeToCanAnswerIt() {
        ready("a1", 5, "es", T0);
        ready("a2", 5, "es", T0 + 1);
        Assignment offer =
                only(
                        apply(queued(T, "c1", Map.of("billing", 3), "es", null, T0 + 2), T0 + 2),
                        AssignmentType.OFFERED);
        String other = offer.agentId().equals("a1") ? "a2" : "a1";

        RoutingOutputs out =
                apply(
                        answer(
                                RoutingCommandType.OFFER_ACCEPTED,
                                T,
                                other,
                                offer.offerId(),
                                T0 + 3),
                        T0 + 3);

        assertThat(out.assignments()).isEmpty();
        assertThat(out.changed()).isFalse();
    }

    @Test
    void theCrmPreferredAgentGetsTheCustomerWhenEligible() {
        ready("a1", 5, "es", T0);
        ready("a2", 4, "es", T0 + 1);
        router.apply(
                RoutingInput.of(
                        RoutingFixtures.crm(
                                T, "cust-9", Map.of(TenantRouter.PREFERRED_AGENT, "a2"), T0)),
                T0 + 2);

        Assignment offer =
                only(
                        apply(
                                queued(T, "c1", Map.of("billing", 3), "es", "cust-9", T0 + 3),
                                T0 + 3),
                        AssignmentType.OFFERED);

        assertThat(offer.agentId()).isEqualTo("a2");
    }

    @Test
    void anSlaAlertServesItsContactBeforeEarlierOnes() {
        apply(login(T, "a1", Map.of("billing", 5), List.of("es"), T0), T0);
        apply(queued(T, "c1", Map.of("billing", 3), "es", null, T0 + 1), T0 + 1);
        apply(queued(T, "c2", Map.of("billing", 3), "es", null, T0 + 2), T0 + 2);
        router.apply(
                RoutingInput.of(
                        RoutingFixtures.alert(T, SupervisorAlert.Kind.SLA_BREACH, "c2", T0 + 3)),
                T0 + 3);

        Assignment offer =
                only(
                        apply(agent(RoutingCommandType.AGENT_READY, T, "a1", T0 + 4), T0 + 4),
                        AssignmentType.OFFERED);

        assertThat(offer.contactId()).isEqualTo("c2");
    }

    @Test
    void negativeSentimentPrefersTheSeniorAgent() {
        assertThat(firstOfferAfterRelaxation(true)).isEqualTo("senior");
        assertThat(firstOfferAfterRelaxation(false)).isEqualTo("junior");
    }

    @Test
    void anAlertBeforeTheContactIsQueuedShapesItsFirstMatch() {
        // given two free, equally proficient agents; the junior has been idle longer
        TenantRouter r =
                new TenantRouter(
                        T,
                        new TenantRouting(10),
                        RoutingSettings.defaults(RoutingFixtures.supportPolicy()));
        loginReady(r, "junior", 5, 1, T0);
        loginReady(r, "senior", 5, 5, T0 + 1);
        // when the customer turned angry on an earlier leg, then is transferred into the queue
        r.apply(
                RoutingInput.of(
                        RoutingFixtures.alert(
                                T, SupervisorAlert.Kind.NEGATIVE_SENTIMENT, "c1", T0 + 2)),
                T0 + 2);
        RoutingOutputs out =
                r.apply(
                        RoutingInput.of(queued(T, "c1", Map.of("billing", 2), "es", null, T0 + 3)),
                        T0 + 3);
        // then the first offer already goes to the senior agent
        assertThat(only(out, AssignmentType.OFFERED).agentId()).isEqualTo("senior");
    }

    @Test
    void anUpsetCustomerTransferredUnderTheSameIdReachesASeniorAgent() {
        // given c1 is with agent "first"; "junior" has been idle longer than "senior"
        TenantRouter r =
                new TenantRouter(
                        T,
                        new TenantRouting(10),
                        RoutingSettings.defaults(RoutingFixtures.supportPolicy()));
        loginReady(r, "first", 5, 1, T0);
        Assignment answered =
                only(
                        r.apply(
                                RoutingInput.of(
                                        queued(T, "c1", Map.of("billing", 2), "es", null, T0 + 1)),
                                T0 + 1),
                        AssignmentType.OFFERED);
        r.apply(
                RoutingInput.of(
                        answer(
                                RoutingCommandType.OFFER_ACCEPTED,
                                T,
                                "first",
                                answered.offerId(),
                                T0 + 2)),
                T0 + 2);
        loginReady(r, "junior", 5, 1, T0 + 3);
        loginReady(r, "senior", 5, 5, T0 + 4);
        // and the customer turned angry while talking to "first"
        r.apply(
                RoutingInput.of(
                        RoutingFixtures.alert(
                                T, SupervisorAlert.Kind.NEGATIVE_SENTIMENT, "c1", T0 + 5)),
                T0 + 5);

        // when "first" transfers the call, keeping its id
        RoutingCommand transfer = transfer("c1", answered.offerId(), T0 + 6);
        RoutingOutputs out = r.apply(RoutingInput.of(transfer), T0 + 6);

        // then the senior agent is offered it, and "first" wraps up
        Assignment next = only(out, AssignmentType.OFFERED);
        assertThat(next.contactId()).isEqualTo("c1");
        assertThat(next.agentId()).isEqualTo("senior");
        assertThat(next.offerId()).isNotEqualTo(answered.offerId());
        assertThat(r.engine().agent("first").orElseThrow().state())
                .isEqualTo(io.ringstream.routing.core.AgentState.WRAP_UP);
        assertThat(r.state().contacts).containsKey("c1");
        assertThat(r.state().preferSenior).doesNotContainKey("c1");

        // when the same transfer arrives again
        RoutingOutputs again = r.apply(RoutingInput.of(transfer), T0 + 7);

        // then nothing changes: the new offer stands
        assertThat(again.assignments()).isEmpty();
        assertThat(again.deadLetters()).isEmpty();
        assertThat(r.engine().acceptedOffer("c1")).isEmpty();
        assertThat(r.state().offers).containsKey(next.offerId());
    }

    private static RoutingCommand transfer(String contactId, String fromOffer, long at) {
        return RoutingCommand.contactTransferred(
                "transfer-" + contactId + "-" + fromOffer,
                T,
                at,
                "test",
                contactId,
                fromOffer,
                new RoutingCommand.ContactSpec(
                        "support", Channel.VOICE, Map.of("billing", 2), "es", 0, null));
    }

    private static void loginReady(TenantRouter r, String id, int billing, int seniority, long at) {
        RoutingCommand login =
                RoutingCommand.agentLogin(
                        "login-" + id,
                        T,
                        at,
                        "test",
                        id,
                        new AgentSpec(
                                "PJSIP/" + id,
                                Map.of("billing", billing),
                                List.of("es"),
                                List.of("support"),
                                Map.of(Channel.VOICE, 1),
                                seniority));
        r.apply(RoutingInput.of(login), at);
        r.apply(RoutingInput.of(agent(RoutingCommandType.AGENT_READY, T, id, at)), at);
    }

    /** Two agents of equal proficiency become eligible together when step 1 (>= 4) expires. */
    private static String firstOfferAfterRelaxation(boolean angry) {
        TenantRouter r =
                new TenantRouter(
                        T,
                        new TenantRouting(10),
                        RoutingSettings.defaults(RoutingFixtures.supportPolicy()));
        for (String id : List.of("junior", "senior")) {
            RoutingCommand login =
                    RoutingCommand.agentLogin(
                            "login-" + id,
                            T,
                            T0,
                            "test",
                            id,
                            new AgentSpec(
                                    "PJSIP/" + id,
                                    Map.of("billing", 3),
                                    List.of("es"),
                                    List.of("support"),
                                    Map.of(Channel.VOICE, 1),
                                    id.equals("senior") ? 5 : 1));
            r.apply(RoutingInput.of(login), T0);
            r.apply(
                    RoutingInput.of(agent(RoutingCommandType.AGENT_READY, T, id, T0)),
                    T0 + (id.equals("junior") ? 0 : 1));
        }
        r.apply(RoutingInput.of(queued(T, "c1", Map.of("billing", 2), "es", null, T0 + 5)), T0 + 5);
        if (angry) {
            r.apply(
                    RoutingInput.of(
                            RoutingFixtures.alert(
                                    T, SupervisorAlert.Kind.NEGATIVE_SENTIMENT, "c1", T0 + 6)),
                    T0 + 6);
        }
        return only(r.advance(T0 + 5 + 10_000), AssignmentType.OFFERED).agentId();
    }

    @Test
    void aProfileTheEngineRefusesBecomesADeadLetter() {
        RoutingCommand bad =
                RoutingCommand.agentLogin(
                        "bad",
                        T,
                        T0,
                        "test",
                        "a1",
                        new AgentSpec("x", Map.of(), List.of(), List.of("support"), Map.of(), 9));

        RoutingOutputs out = apply(bad, T0);

        assertThat(out.deadLetters())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.reason()).startsWith("invalid agent: ");
                            assertThat(d.component()).isEqualTo("flink:routing");
                            assertThat(d.topic()).isEqualTo("routing-commands");
                            assertThat(d.payload()).contains("\"agentId\":\"a1\"");
                        });
        assertThat(router.engine().state().agentCount()).isZero();
    }
}
