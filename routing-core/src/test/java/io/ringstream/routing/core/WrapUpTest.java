package io.ringstream.routing.core;

import static io.ringstream.routing.core.Scenario.onlyOffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.Channel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wrap-up is per agent: it blocks every queue and every channel until it ends. */
class WrapUpTest {
    private static final QueuePolicy SALES =
            QueuePolicy.simple("sales").withWrapUp(Duration.ofSeconds(30));
    private static final QueuePolicy SUPPORT = QueuePolicy.simple("support");

    private static Scenario blendedAgentJustFinishedASalesCall() {
        Scenario s = new Scenario(SALES, SUPPORT);
        s.agent(
                Scenario.profile(
                        "a",
                        "sales,support",
                        "",
                        "",
                        Map.of(Channel.VOICE, 1, Channel.CHAT, 3),
                        1));
        s.answered("sale", "sales", "", null);
        s.end("sale");
        return s;
    }

    @Test
    void anAgentInWrapUpOnOneQueueGetsNothingFromAnotherQueueOrChannel() {
        // given
        Scenario s = blendedAgentJustFinishedASalesCall();
        assertThat(s.stateOf("a")).isEqualTo(AgentState.WRAP_UP);
        // when contacts arrive on another queue, by voice and by chat
        var voice = s.call("support-call", "support", "", null);
        var chat =
                s.queue(
                        Scenario.contact(
                                "support-chat", Channel.CHAT, "support", "", null, 0, s.now));
        // then nothing is offered
        assertThat(Scenario.offers(voice)).isEmpty();
        assertThat(Scenario.offers(chat)).isEmpty();
        assertThat(s.engine.nextDeadline()).hasValue(s.now + 30_000);
        assertThat(Scenario.offers(s.after(29.999))).isEmpty();
        // when the wrap-up ends the oldest waiting contact is offered
        var done = s.after(0.001);
        assertThat(onlyOffer(done).contactId()).isEqualTo("support-call");
    }

    @Test
    void wrapUpEndedEndsItEarly() {
        Scenario s = blendedAgentJustFinishedASalesCall();
        s.call("support-call", "support", "", null);
        Offer offer = onlyOffer(s.engine.wrapUpEnded("a", s.now + 5_000));
        assertThat(offer.contactId()).isEqualTo("support-call");
    }

    @Test
    void goingReadyDoesNotSkipWrapUp() {
        Scenario s = blendedAgentJustFinishedASalesCall();
        s.call("support-call", "support", "", null);
        assertThat(Scenario.offers(s.engine.agentReady("a", s.now))).isEmpty();
        assertThat(s.stateOf("a")).isEqualTo(AgentState.WRAP_UP);
    }

    @Test
    void notReadyDuringWrapUpShowsAfterTheWrapUp() {
        Scenario s = blendedAgentJustFinishedASalesCall();
        s.engine.agentNotReady("a", "break", s.now);
        assertThat(s.stateOf("a")).isEqualTo(AgentState.WRAP_UP);
        s.after(30);
        assertThat(s.stateOf("a")).isEqualTo(AgentState.NOT_READY);
        assertThat(Scenario.offers(s.call("c", "support", "", null))).isEmpty();
    }
}
