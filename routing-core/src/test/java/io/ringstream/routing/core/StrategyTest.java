package io.ringstream.routing.core;

import static io.ringstream.routing.core.Scenario.ended;
import static io.ringstream.routing.core.Scenario.offers;
import static io.ringstream.routing.core.Scenario.onlyOffer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each alternative strategy picks as documented. */
class StrategyTest {

    /** "expert" (x:5) ready first, "mid" (x:3) 10 s later, "novice" (x:1) 10 s after that. */
    private static Scenario threeAgents(Strategy strategy) {
        Scenario s = new Scenario(QueuePolicy.simple("q").withStrategy(strategy));
        s.agent("expert", "q", "x:5", "");
        s.after(10);
        s.agent("mid", "q", "x:3", "");
        s.after(10);
        s.agent("novice", "q", "x:1", "");
        s.after(10);
        return s;
    }

    @Test
    void longestIdleIgnoresProficiency() {
        // given the novice idle longest
        Scenario s = new Scenario(QueuePolicy.simple("q").withStrategy(Strategy.LONGEST_IDLE));
        s.agent("novice", "q", "x:1", "");
        s.after(10);
        s.agent("expert", "q", "x:5", "");
        // then
        assertThat(onlyOffer(s.call("c1", "q", "x:1", null)).agentId()).isEqualTo("novice");
        assertThat(Scenario.decision(s.last).reason())
                .isEqualTo("step 1 (contact's minimums): idle longest (10 s)");
    }

    @Test
    void longestIdleCountsFromTheEndOfTheLastContact() {
        Scenario s = new Scenario(QueuePolicy.simple("q").withStrategy(Strategy.LONGEST_IDLE));
        s.agent("a", "q", "", "");
        s.agent("b", "q", "", "");
        // a (id order breaks the tie) takes a call that ends after b has idled for a while
        assertThat(s.answered("c1", "q", "", null)).isEqualTo("a");
        s.after(5);
        s.end("c1");
        assertThat(onlyOffer(s.call("c2", "q", "", null)).agentId()).isEqualTo("b");
    }

    @Test
    void fewestContactsPicksTheAgentWhoHandledLeast() {
        Scenario s = new Scenario(QueuePolicy.simple("q").withStrategy(Strategy.FEWEST_CONTACTS));
        s.agent("a", "q", "", "");
        s.agent("b", "q", "", "");
        assertThat(s.answered("c1", "q", "", null)).isEqualTo("a");
        s.end("c1");
        s.after(100); // a now idle as long as b... but has handled one
        assertThat(onlyOffer(s.call("c2", "q", "", null)).agentId()).isEqualTo("b");
        assertThat(Scenario.decision(s.last).candidates())
                .extracting(Candidate::agentId, Candidate::score)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("b", 0.0),
                        org.assertj.core.groups.Tuple.tuple("a", -1.0));
    }

    @Test
    void roundRobinRotatesThroughTheQueueInIdOrder() {
        Scenario s = threeAgents(Strategy.ROUND_ROBIN);
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String agent = s.answered("c" + i, "q", "", null);
            picks.add(agent);
            s.end("c" + i);
        }
        assertThat(picks).containsExactly("expert", "mid", "novice", "expert");
    }

    @Test
    void randomIsSeededAndSpreadsOverEligibleAgents() {
        List<String> first = randomPicks(7);
        assertThat(first).isEqualTo(randomPicks(7));
        assertThat(new HashSet<>(first)).containsExactlyInAnyOrder("expert", "mid", "novice");
        assertThat(randomPicks(8)).isNotEqualTo(first);
    }

    private static List<String> randomPicks(long seed) {
        Scenario s =
                new Scenario(
                        RoutingConfig.of(QueuePolicy.simple("q").withStrategy(Strategy.RANDOM))
                                .withSeed(seed));
        s.agent("expert", "q", "x:5", "");
        s.agent("mid", "q", "x:3", "");
        s.agent("novice", "q", "x:1", "");
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            picks.add(s.answered("c" + i, "q", "", null));
            s.end("c" + i);
        }
        return picks;
    }

    @Test
    void ringAllOffersToEveryEligibleAgentAndTheFirstAcceptWins() {
        // given three agents, one of whom lacks the language
        Scenario s = new Scenario(QueuePolicy.simple("q").withStrategy(Strategy.RING_ALL));
        s.agent("a", "q", "", "en");
        s.agent("b", "q", "", "en");
        s.agent("c", "q", "", "fr");
        // when an English call arrives
        var effects = s.call("c1", "q", "", "en");
        // then both English agents ring, under one decision with no single chosen agent
        List<Offer> ringing = offers(effects);
        assertThat(ringing).extracting(Offer::agentId).containsExactly("a", "b");
        Set<String> decisionIds = new HashSet<>();
        effects.stream()
                .filter(RoutingEffect.OfferMade.class::isInstance)
                .forEach(
                        e ->
                                decisionIds.add(
                                        ((RoutingEffect.OfferMade) e).decision().decisionId()));
        assertThat(decisionIds).hasSize(1);
        assertThat(Scenario.decision(effects).chosenAgentId()).isNull();
        // when b accepts first
        var accepted = s.accept(ringing.get(1));
        // then a's offer is rescinded and a is free again
        assertThat(ended(accepted))
                .extracting(e -> e.agentId() + ":" + e.outcome())
                .containsExactly("b:ACCEPTED", "a:RESCINDED");
        assertThat(s.stateOf("a")).isEqualTo(AgentState.AVAILABLE);
        assertThat(s.stateOf("b")).isEqualTo(AgentState.BUSY);
    }

    @Test
    void ringAllWithOneRejectKeepsTheOtherRinging() {
        Scenario s = new Scenario(QueuePolicy.simple("q").withStrategy(Strategy.RING_ALL));
        s.agent("a", "q", "", "");
        s.agent("b", "q", "", "");
        List<Offer> ringing = offers(s.call("c1", "q", "", null));
        var rejected = s.reject(ringing.get(0));
        assertThat(offers(rejected)).isEmpty();
        assertThat(s.stateOf("b")).isEqualTo(AgentState.RESERVED);
        assertThat(s.engine.position("c1", s.now).orElseThrow().status())
                .isEqualTo(ContactStatus.OFFERED);
    }

    @Test
    void bestFitIsTheDefault() {
        Scenario s = threeAgents(Strategy.BEST_FIT);
        assertThat(onlyOffer(s.call("c1", "q", "x:1", null)).agentId()).isEqualTo("expert");
    }
}
