package io.ringstream.routing.core;

import static io.ringstream.routing.core.Scenario.onlyOffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.Channel;
import io.ringstream.routing.core.RoutingEffect.ContactRemoved;
import io.ringstream.routing.core.RoutingEffect.Ignored;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A contact handed on by its agent keeps its id, waits in its new queue, and frees the agent. */
class TransferTest {
    private static final QueuePolicy SALES =
            QueuePolicy.simple("sales").withWrapUp(Duration.ofSeconds(20));
    private static final QueuePolicy RETENTION = QueuePolicy.simple("retention");

    @Test
    void theContactQueuesAgainUnderItsIdAndTheAgentWrapsUp() {
        // given a sales call answered by s1, and a retention agent ready
        Scenario s = new Scenario(SALES, RETENTION);
        s.agent("s1", "sales", "", "");
        Offer answered = onlyOffer(s.call("c1", "sales", "", null));
        s.accept(answered);
        s.agent("r1", "retention", "", "");
        s.now += 60_000;
        assertThat(s.engine.acceptedOffer("c1")).hasValue(answered.offerId());

        // when s1 transfers it to retention
        List<RoutingEffect> effects = transfer(s, answered, "retention", List.of());

        // then s1 enters the sales wrap-up and the same contact is offered in retention
        assertThat(Scenario.of(ContactRemoved.class, effects))
                .containsExactly(new ContactRemoved("c1", RemovalReason.TRANSFERRED, s.now));
        assertThat(s.stateOf("s1")).isEqualTo(AgentState.WRAP_UP);
        Offer next = onlyOffer(effects);
        assertThat(next.contactId()).isEqualTo("c1");
        assertThat(next.agentId()).isEqualTo("r1");
        assertThat(next.queue()).isEqualTo("retention");
        assertThat(s.engine.acceptedOffer("c1")).isEmpty();
    }

    @Test
    void itIsNeverOfferedBackToTheAgentWhoHandedItOn() {
        // given an agent of both queues without wrap-up, the only one logged in
        Scenario s = new Scenario(QueuePolicy.simple("sales"), RETENTION);
        s.agent("both", "sales,retention", "", "");
        Offer answered = onlyOffer(s.call("c1", "sales", "", null));
        s.accept(answered);

        // when it transfers the call, and later a second agent logs in
        List<RoutingEffect> effects = transfer(s, answered, "retention", List.of());
        assertThat(Scenario.offers(effects)).isEmpty();
        assertThat(s.stateOf("both")).isEqualTo(AgentState.AVAILABLE);
        s.agent("other", "retention", "", "");

        // then the second agent gets it
        assertThat(onlyOffer(s.last).agentId()).isEqualTo("other");
    }

    @Test
    void aPreferSeniorHintReachesTheNewQueuesFirstMatch() {
        // given retention has a junior agent idle longer than a senior one
        Scenario s = new Scenario(SALES, RETENTION);
        s.agent("s1", "sales", "", "");
        Offer answered = onlyOffer(s.call("c1", "sales", "", null));
        s.accept(answered);
        s.agent(Scenario.profile("junior", "retention", "", "", Map.of(Channel.VOICE, 1), 1));
        s.now += 1_000;
        s.agent(Scenario.profile("senior", "retention", "", "", Map.of(Channel.VOICE, 1), 5));

        // when the upset customer is transferred with the hint
        List<RoutingEffect> effects =
                transfer(s, answered, "retention", List.of(Hint.preferSenior()));

        // then the senior agent is offered the call first
        assertThat(onlyOffer(effects).agentId()).isEqualTo("senior");
    }

    @Test
    void aRepeatedOrStaleTransferChangesNothing() {
        // given c1 was transferred from s1 and answered in retention by r1
        Scenario s = new Scenario(SALES, RETENTION);
        s.agent("s1", "sales", "", "");
        s.agent("r1", "retention", "", "");
        Offer first = onlyOffer(s.call("c1", "sales", "", null));
        s.accept(first);
        Offer second = onlyOffer(transfer(s, first, "retention", List.of()));
        s.accept(second);

        // when the first transfer arrives again
        List<RoutingEffect> again = transfer(s, first, "retention", List.of());

        // then it is ignored and r1 keeps the call
        assertThat(Scenario.of(Ignored.class, again)).hasSize(1);
        assertThat(s.stateOf("r1")).isEqualTo(AgentState.BUSY);
        assertThat(s.view("r1").activeContacts()).containsExactly("c1");
    }

    @Test
    void aContactStillWaitingCannotBeTransferred() {
        Scenario s = new Scenario(SALES, RETENTION);
        s.agent("s1", "sales", "", "");
        Offer pending = onlyOffer(s.call("c1", "sales", "", null));

        List<RoutingEffect> effects = transfer(s, pending, "retention", List.of());

        assertThat(Scenario.of(Ignored.class, effects)).hasSize(1);
        assertThat(s.engine.position("c1", s.now).map(QueuePosition::queue)).hasValue("sales");
        assertThat(s.engine.offerAccepted(pending.offerId(), s.now))
                .noneMatch(Ignored.class::isInstance);
    }

    private static List<RoutingEffect> transfer(
            Scenario s, Offer from, String queue, List<Hint> hints) {
        Contact next = Scenario.call(from.contactId(), queue, "", null, s.now);
        s.last = s.engine.contactTransferred(from.offerId(), next, hints, s.now);
        return s.last;
    }
}
