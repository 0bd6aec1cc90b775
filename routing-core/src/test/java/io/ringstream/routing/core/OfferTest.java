package io.ringstream.routing.core;

import static io.ringstream.routing.core.Scenario.ended;
import static io.ringstream.routing.core.Scenario.of;
import static io.ringstream.routing.core.Scenario.onlyOffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.routing.core.RoutingEffect.ContactAssigned;
import io.ringstream.routing.core.RoutingEffect.Ignored;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Offers reserve agents; accept, reject and timeout; misses make an agent not ready. */
class OfferTest {
    private static final QueuePolicy Q =
            QueuePolicy.simple("q")
                    .withOfferTimeout(Duration.ofSeconds(10))
                    .withMaxConsecutiveMisses(2);

    @Test
    void anOfferReservesTheAgentSoTheNextContactWaits() {
        Scenario s = new Scenario(Q);
        s.agent("a", "q", "", "");
        Offer first = onlyOffer(s.call("c1", "q", "", null));
        assertThat(first.expiresAtMillis()).isEqualTo(s.now + 10_000);
        assertThat(Scenario.offers(s.call("c2", "q", "", null))).isEmpty();
        assertThat(s.stateOf("a")).isEqualTo(AgentState.RESERVED);
    }

    @Test
    void acceptingAssignsTheContactAndTheAgentIsBusy() {
        Scenario s = new Scenario(Q);
        s.agent("a", "q", "", "");
        Offer offer = onlyOffer(s.call("c1", "q", "", null));
        var effects = s.accept(offer);
        assertThat(ended(effects))
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.outcome()).isEqualTo(OfferOutcome.ACCEPTED);
                        });
        assertThat(of(ContactAssigned.class, effects))
                .containsExactly(new ContactAssigned("c1", "a", "q", s.now));
        assertThat(s.stateOf("a")).isEqualTo(AgentState.BUSY);
        assertThat(s.engine.position("c1", s.now).orElseThrow().agentId()).isEqualTo("a");
    }

    @Test
    void aRejectedOfferGoesToAnotherAgentAndNeverBackToTheOneWhoRefused() {
        // given two agents, "a" preferred by fit
        Scenario s = new Scenario(Q);
        s.agent("a", "q", "x:5", "");
        s.agent("b", "q", "x:3", "");
        Offer toA = onlyOffer(s.call("c1", "q", "x:1", null));
        assertThat(toA.agentId()).isEqualTo("a");
        // when a rejects
        var effects = s.reject(toA);
        // then b is offered it, and a is available again
        assertThat(ended(effects))
                .extracting(e -> e.outcome())
                .containsExactly(OfferOutcome.REJECTED);
        Offer toB = onlyOffer(effects);
        assertThat(toB.agentId()).isEqualTo("b");
        assertThat(toB.offerId()).isNotEqualTo(toA.offerId());
        assertThat(s.stateOf("a")).isEqualTo(AgentState.AVAILABLE);
        // when b rejects too, nobody is left: the contact waits and a is never offered it again
        var afterB = s.reject(toB);
        assertThat(Scenario.offers(afterB)).isEmpty();
        assertThat(s.engine.position("c1", s.now).orElseThrow().status())
                .isEqualTo(ContactStatus.WAITING);
        // and a is still free for other contacts
        assertThat(onlyOffer(s.call("c2", "q", "x:1", null)).agentId()).isEqualTo("a");
    }

    @Test
    void aTimedOutOfferIsReOfferedToTheNextAgent() {
        Scenario s = new Scenario(Q);
        s.agent("a", "q", "x:5", "");
        s.agent("b", "q", "x:3", "");
        Offer toA = onlyOffer(s.call("c1", "q", "x:1", null));
        assertThat(s.engine.nextDeadline()).hasValue(toA.expiresAtMillis());
        var effects = s.untilNextDeadline();
        assertThat(ended(effects))
                .extracting(e -> e.outcome())
                .containsExactly(OfferOutcome.TIMED_OUT);
        assertThat(onlyOffer(effects).agentId()).isEqualTo("b");
        assertThat(s.view("a").consecutiveMisses()).isEqualTo(1);
    }

    @Test
    void afterNConsecutiveMissesTheAgentIsNotReadyNotResponding() {
        Scenario s = new Scenario(Q);
        s.agent("a", "q", "", "");
        s.call("c1", "q", "", null);
        s.untilNextDeadline(); // miss 1
        assertThat(s.stateOf("a")).isEqualTo(AgentState.AVAILABLE);
        onlyOffer(s.call("c2", "q", "", null));
        var effects = s.untilNextDeadline(); // miss 2
        assertThat(Scenario.stateChanges(effects))
                .last()
                .satisfies(
                        c -> {
                            assertThat(c.state()).isEqualTo(AgentState.NOT_READY);
                            assertThat(c.reason()).isEqualTo("not responding");
                        });
        // a third contact is not offered to the not-ready agent
        assertThat(Scenario.offers(s.call("c3", "q", "", null))).isEmpty();
        // and once ready again the agent gets it, with the miss count reset
        assertThat(onlyOffer(s.engine.agentReady("a", s.now)).contactId()).isEqualTo("c3");
        assertThat(s.view("a").consecutiveMisses()).isZero();
    }

    @Test
    void anAcceptBetweenMissesResetsTheCount() {
        Scenario s = new Scenario(Q);
        s.agent("a", "q", "", "");
        s.call("c1", "q", "", null);
        s.untilNextDeadline();
        s.accept(onlyOffer(s.call("c2", "q", "", null)));
        s.end("c2");
        s.call("c3", "q", "", null);
        s.untilNextDeadline();
        assertThat(s.stateOf("a")).isEqualTo(AgentState.AVAILABLE);
        assertThat(s.view("a").consecutiveMisses()).isEqualTo(1);
    }

    @Test
    void rejectsAreNotMisses() {
        Scenario s = new Scenario(Q);
        s.agent("a", "q", "", "");
        for (int i = 0; i < 3; i++) {
            s.reject(onlyOffer(s.call("c" + i, "q", "", null)));
        }
        assertThat(s.stateOf("a")).isEqualTo(AgentState.AVAILABLE);
        assertThat(s.view("a").consecutiveMisses()).isZero();
    }

    @Test
    void acceptingAnOfferThatAlreadyTimedOutIsIgnored() {
        Scenario s = new Scenario(Q);
        s.agent("a", "q", "", "");
        Offer offer = onlyOffer(s.call("c1", "q", "", null));
        s.untilNextDeadline();
        var effects = s.accept(offer);
        assertThat(of(Ignored.class, effects))
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.input()).isEqualTo("offerAccepted");
                            assertThat(i.id()).isEqualTo(offer.offerId());
                        });
        assertThat(of(ContactAssigned.class, effects)).isEmpty();
    }

    @Test
    void goingNotReadyRescindsAPendingOfferWithoutCountingARefusal() {
        Scenario s = new Scenario(Q);
        s.agent("a", "q", "", "");
        Offer offer = onlyOffer(s.call("c1", "q", "", null));
        var effects = s.engine.agentNotReady("a", "lunch", s.now);
        assertThat(ended(effects))
                .extracting(e -> e.outcome())
                .containsExactly(OfferOutcome.RESCINDED);
        assertThat(s.view("a").reason()).isEqualTo("lunch");
        // back from lunch, the same contact can be offered to the same agent
        Offer again = onlyOffer(s.engine.agentReady("a", s.now));
        assertThat(again.contactId()).isEqualTo("c1");
        assertThat(again.offerId()).isNotEqualTo(offer.offerId());
    }

    @Test
    void abandoningWhileOfferedRescindsTheOfferAndFreesTheAgent() {
        Scenario s = new Scenario(Q);
        s.agent("a", "q", "", "");
        onlyOffer(s.call("c1", "q", "", null));
        var effects = s.engine.contactAbandoned("c1", s.now);
        assertThat(ended(effects))
                .extracting(e -> e.outcome())
                .containsExactly(OfferOutcome.RESCINDED);
        assertThat(of(RoutingEffect.ContactRemoved.class, effects))
                .containsExactly(
                        new RoutingEffect.ContactRemoved("c1", RemovalReason.ABANDONED, s.now));
        assertThat(s.stateOf("a")).isEqualTo(AgentState.AVAILABLE);
        assertThat(s.engine.state().contactCount()).isZero();
    }

    @Test
    void loggingOutRescindsOffersAndReportsOffline() {
        Scenario s = new Scenario(Q);
        s.agent("a", "q", "", "");
        s.agent("b", "q", "", "");
        Offer toA = onlyOffer(s.call("c1", "q", "", null));
        var effects = s.engine.agentLogout(toA.agentId(), s.now);
        assertThat(Scenario.stateChanges(effects))
                .extracting(c -> c.agentId() + ":" + c.state())
                .contains(toA.agentId() + ":OFFLINE");
        assertThat(onlyOffer(effects).agentId()).isNotEqualTo(toA.agentId());
        assertThat(s.engine.state().agentCount()).isEqualTo(1);
    }

    @Test
    void unknownIdsAreIgnoredNotThrown() {
        Scenario s = new Scenario(Q);
        assertThat(of(Ignored.class, s.engine.agentReady("ghost", s.now))).hasSize(1);
        assertThat(of(Ignored.class, s.engine.offerRejected("nope", s.now))).hasSize(1);
        assertThat(of(Ignored.class, s.engine.contactEnded("nope", s.now))).hasSize(1);
        s.call("c1", "q", "", null);
        assertThat(of(Ignored.class, s.call("c1", "q", "", null))).hasSize(1);
    }
}
