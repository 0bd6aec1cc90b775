package io.ringstream.routing.core;

import static io.ringstream.routing.core.Scenario.onlyOffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.Channel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which contact goes next: priority first, then wait time, across queues. */
class ContactOrderTest {

    @Test
    void aFreedAgentTakesTheLongestWaitingContactWhateverItsQueue() {
        // given an agent of two queues, busy, and calls waiting in both
        Scenario s = new Scenario(QueuePolicy.simple("sales"), QueuePolicy.simple("billing"));
        s.agent("both", "sales,billing", "sales:3,billing:3", "");
        s.answered("busy", "sales", "sales:1", null);
        s.call("sales-1", "sales", "sales:1", null);
        s.after(5);
        s.call("billing-old", "billing", "billing:1", null);
        s.after(5);
        s.call("sales-2", "sales", "sales:1", null);
        // when the agent frees up
        Offer offer = onlyOffer(s.end("busy"));
        // then the longest-waiting contact wins, regardless of queue
        assertThat(offer.contactId()).isEqualTo("sales-1");
        s.accept(offer);
        assertThat(onlyOffer(s.end("sales-1")).contactId()).isEqualTo("billing-old");
    }

    @Test
    void higherPriorityGoesFirstEvenIfItArrivedLater() {
        Scenario s = new Scenario(QueuePolicy.simple("q"));
        s.agent("a", "q", "", "");
        s.answered("busy", "q", "", null);
        s.queue(Scenario.contact("normal", Channel.VOICE, "q", "", null, 0, s.now));
        s.after(30);
        s.queue(Scenario.contact("urgent", Channel.VOICE, "q", "", null, 5, s.now));
        assertThat(onlyOffer(s.end("busy")).contactId()).isEqualTo("urgent");
    }

    @Test
    void aContactTheFreedAgentIsNotEligibleForDoesNotBlockTheNext() {
        Scenario s = new Scenario(QueuePolicy.simple("q"));
        s.agent("en", "q", "x:3", "en");
        s.answered("busy", "q", "x:1", "en");
        s.call("spanish-oldest", "q", "x:1", "es");
        s.after(1);
        s.call("english", "q", "x:1", "en");
        assertThat(onlyOffer(s.end("busy")).contactId()).isEqualTo("english");
    }

    @Test
    void raisePriorityHintMovesAContactAhead() {
        Scenario s = new Scenario(QueuePolicy.simple("q"));
        s.agent("a", "q", "", "");
        s.answered("busy", "q", "", null);
        s.call("first", "q", "", null);
        s.after(1);
        s.call("angry", "q", "", null);
        s.engine.hint("angry", Hint.raisePriority(2), s.now);
        assertThat(s.engine.position("angry", s.now).orElseThrow().position()).isEqualTo(1);
        assertThat(onlyOffer(s.end("busy")).contactId()).isEqualTo("angry");
    }

    @Test
    void customerTierAddsConfiguredPriority() {
        RoutingConfig config =
                RoutingConfig.of(QueuePolicy.simple("q")).withTierPriority(Map.of("gold", 3));
        Scenario s = new Scenario(config);
        s.agent("a", "q", "", "");
        s.answered("busy", "q", "", null);
        s.call("bronze", "q", "", null);
        s.after(1);
        s.queue(
                new Contact(
                        "gold",
                        "acme",
                        Channel.VOICE,
                        "q",
                        Map.of(),
                        null,
                        0,
                        "gold",
                        null,
                        s.now));
        assertThat(onlyOffer(s.end("busy")).contactId()).isEqualTo("gold");
    }

    @Test
    void tierLearnedFromCrmWhileWaitingReordersTheQueue() {
        RoutingConfig config =
                RoutingConfig.of(QueuePolicy.simple("q")).withTierPriority(Map.of("gold", 3));
        Scenario s = new Scenario(config);
        s.agent("a", "q", "", "");
        s.answered("busy", "q", "", null);
        s.call("first", "q", "", null);
        s.after(1);
        s.call("vip", "q", "", null);
        s.engine.updateCustomer("vip", "gold", null, s.now);
        assertThat(onlyOffer(s.end("busy")).contactId()).isEqualTo("vip");
    }
}
