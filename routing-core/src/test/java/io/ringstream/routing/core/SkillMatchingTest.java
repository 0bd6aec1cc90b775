package io.ringstream.routing.core;

import static io.ringstream.routing.core.Scenario.onlyOffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.Channel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which agent gets a contact: skills, languages, channels, best fit, then longest idle. */
class SkillMatchingTest {

    @Test
    void spanishBillingCallReachesTheProficientSpanishBillingAgent() {
        // given
        Scenario s = new Scenario(QueuePolicy.simple("billing"));
        s.agent("en-billing", "billing", "billing:5", "en");
        s.agent("es-sales", "billing", "sales:5", "es");
        s.agent("es-billing", "billing", "billing:4", "es,en");
        // when
        Offer offer = onlyOffer(s.call("c1", "billing", "billing:3", "es"));
        // then
        assertThat(offer.agentId()).isEqualTo("es-billing");
        assertThat(s.stateOf("es-billing")).isEqualTo(AgentState.RESERVED);
    }

    @Test
    void noEligibleAgentLeavesTheContactWaitingWithReasonsInTheNextDecision() {
        // given an agent below the minimum and one without the language
        Scenario s = new Scenario(QueuePolicy.simple("billing"));
        s.agent("weak", "billing", "billing:1", "es");
        s.agent("english", "billing", "billing:5", "en");
        // when
        var effects = s.call("c1", "billing", "billing:3", "es");
        // then nobody is offered it, and it waits in position 1
        assertThat(Scenario.offers(effects)).isEmpty();
        assertThat(s.engine.position("c1", s.now).orElseThrow().status())
                .isEqualTo(ContactStatus.WAITING);
        // when a Spanish speaker with the skill arrives
        s.agent("good", "billing", "billing:3", "es");
        // then the decision explains why the others were not eligible
        Decision d = Scenario.decision(s.last);
        assertThat(d.chosenAgentId()).isEqualTo("good");
        assertThat(d.candidates())
                .filteredOn(c -> !c.eligible())
                .extracting(Candidate::agentId, Candidate::whyNot)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("english", "does not speak es"),
                        org.assertj.core.groups.Tuple.tuple("weak", "billing 1 < 3"));
    }

    @Test
    void bestFitPrefersHigherProficiencyOverLongerIdle() {
        // given a mid agent idle longer than an expert
        Scenario s = new Scenario(QueuePolicy.simple("support"));
        s.agent("mid", "support", "network:3,billing:3", "");
        s.after(60);
        s.agent("expert", "support", "network:5,billing:4", "");
        // when
        Offer offer = onlyOffer(s.call("c1", "support", "network:1,billing:1", null));
        // then
        assertThat(offer.agentId()).isEqualTo("expert");
        Decision d = Scenario.decision(s.last);
        assertThat(d.strategy()).isEqualTo(Strategy.BEST_FIT);
        assertThat(d.candidates())
                .extracting(Candidate::agentId, Candidate::score)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("expert", 4.5),
                        org.assertj.core.groups.Tuple.tuple("mid", 3.0));
        assertThat(d.reason()).contains("best fit 4.50");
    }

    @Test
    void equalFitGoesToTheAgentIdleLongest() {
        // given two equal agents, "b" ready first
        Scenario s = new Scenario(QueuePolicy.simple("q"));
        s.agent("b", "q", "x:4", "");
        s.after(10);
        s.agent("a", "q", "x:4", "");
        // when
        Offer offer = onlyOffer(s.call("c1", "q", "x:1", null));
        // then
        assertThat(offer.agentId()).isEqualTo("b");
    }

    @Test
    void agentsOfOtherQueuesAreNotConsidered() {
        Scenario s = new Scenario(QueuePolicy.simple("sales"), QueuePolicy.simple("billing"));
        s.agent("sales-agent", "sales", "billing:5", "");
        var effects = s.call("c1", "billing", "billing:1", null);
        assertThat(Scenario.offers(effects)).isEmpty();
    }

    @Test
    void chatAgentTakesUpToItsChatCapacity() {
        // given an agent with 3 chat lines and no voice
        Scenario s = new Scenario(QueuePolicy.simple("web"));
        s.agent(Scenario.profile("chatter", "web", "web:3", "en", Map.of(Channel.CHAT, 3), 1));
        // when four chats arrive and the first three are accepted
        for (int i = 1; i <= 4; i++) {
            var effects =
                    s.queue(
                            Scenario.contact(
                                    "chat" + i, Channel.CHAT, "web", "web:1", "en", 0, s.now));
            if (i <= 3) {
                s.accept(onlyOffer(effects));
            } else {
                // then the fourth waits
                assertThat(Scenario.offers(effects)).isEmpty();
            }
        }
        assertThat(s.view("chatter").load()).containsEntry(Channel.CHAT, 3);
        assertThat(s.stateOf("chatter")).isEqualTo(AgentState.BUSY);
        // and a voice call is not offered to an agent without voice capacity
        var voice = s.call("v1", "web", "web:1", "en");
        assertThat(Scenario.offers(voice)).isEmpty();
        // when one chat ends the fourth is offered
        Offer next = onlyOffer(s.end("chat2"));
        assertThat(next.contactId()).isEqualTo("chat4");
    }

    @Test
    void aVoiceContactExcludesChatAndChatExcludesVoice() {
        // given a blended agent: 1 voice or 2 chats
        Scenario s = new Scenario(QueuePolicy.simple("q"));
        s.agent(
                Scenario.profile(
                        "blended", "q", "", "", Map.of(Channel.VOICE, 1, Channel.CHAT, 2), 1));
        // when a voice call is accepted
        s.accept(onlyOffer(s.call("v1", "q", "", null)));
        // then a chat waits
        var chat = s.queue(Scenario.contact("chat1", Channel.CHAT, "q", "", null, 0, s.now));
        assertThat(Scenario.offers(chat)).isEmpty();
        // when the call ends the chat is offered, and while the chat is active a call waits
        s.accept(onlyOffer(s.end("v1")));
        var voice = s.call("v2", "q", "", null);
        assertThat(Scenario.offers(voice)).isEmpty();
        var decisionLater =
                s.queue(Scenario.contact("chat2", Channel.CHAT, "q", "", null, 0, s.now));
        // the second chat fits even though a call waits: the call cannot use the agent anyway
        assertThat(onlyOffer(decisionLater).contactId()).isEqualTo("chat2");
    }

    @Test
    void preferredAgentWinsWhenEligibleWhateverTheStrategy() {
        Scenario s = new Scenario(QueuePolicy.simple("q"));
        s.agent("expert", "q", "x:5", "");
        s.agent("fan-favourite", "q", "x:2", "");
        Contact c =
                new Contact(
                        "c1",
                        "acme",
                        Channel.VOICE,
                        "q",
                        Map.of("x", 1),
                        null,
                        0,
                        "gold",
                        "fan-favourite",
                        s.now);
        Offer offer = onlyOffer(s.queue(c));
        assertThat(offer.agentId()).isEqualTo("fan-favourite");
        assertThat(Scenario.decision(s.last).reason()).contains("preferred agent");
    }

    /** Nobody qualifies for 10 s, so every agent becomes eligible at the same moment. */
    private static Scenario strictFirstTenSeconds() {
        return new Scenario(
                QueuePolicy.simple("q")
                        .withSteps(
                                RoutingStep.atLeast(5, java.time.Duration.ofSeconds(10)),
                                RoutingStep.contactRequirements()));
    }

    @Test
    void crmUpdateOfThePreferredAgentAppliesToAWaitingContact() {
        // given a waiting contact no agent qualifies for yet
        Scenario s = strictFirstTenSeconds();
        s.agent("fav", "q", "x:2", "");
        s.agent("expert", "q", "x:4", "");
        assertThat(Scenario.offers(s.call("c1", "q", "x:1", null))).isEmpty();
        // when CRM says the customer prefers "fav" and the step relaxes
        s.engine.updateCustomer("c1", "gold", "fav", s.now);
        Offer offer = onlyOffer(s.after(10));
        // then fav gets it although the expert fits better
        assertThat(offer.agentId()).isEqualTo("fav");
        assertThat(Scenario.decision(s.last).candidates())
                .extracting(Candidate::agentId)
                .containsExactly("fav", "expert");
    }

    @Test
    void withoutAPreferenceTheSameSetupGoesToTheExpert() {
        Scenario s = strictFirstTenSeconds();
        s.agent("fav", "q", "x:2", "");
        s.agent("expert", "q", "x:4", "");
        s.call("c1", "q", "x:1", null);
        assertThat(onlyOffer(s.after(10)).agentId()).isEqualTo("expert");
    }

    @Test
    void preferSeniorHintOrdersBySeniorityBeforeFit() {
        // given a junior expert and a senior generalist, both eligible only after 10 s
        Scenario s = strictFirstTenSeconds();
        s.agent(Scenario.profile("junior", "q", "x:4", "", Map.of(Channel.VOICE, 1), 1));
        s.agent(Scenario.profile("senior", "q", "x:3", "", Map.of(Channel.VOICE, 1), 5));
        s.call("c1", "q", "x:1", null);
        // when the contact is hinted "prefer senior"
        s.engine.hint("c1", Hint.preferSenior(), s.now);
        Offer offer = onlyOffer(s.after(10));
        // then the senior agent gets it
        assertThat(offer.agentId()).isEqualTo("senior");
        assertThat(Scenario.decision(s.last).reason()).contains("senior first (5)");
    }

    @Test
    void aPreferSeniorHintGivenAtQueueTimeDecidesTheFirstMatch() {
        // given a free junior expert and a free senior generalist
        Scenario s = new Scenario(QueuePolicy.simple("q"));
        s.agent(Scenario.profile("junior", "q", "x:5", "", Map.of(Channel.VOICE, 1), 1));
        s.agent(Scenario.profile("senior", "q", "x:3", "", Map.of(Channel.VOICE, 1), 5));
        // when an upset customer is queued (e.g. transferred) with the hint already known
        s.last =
                s.engine.contactQueued(
                        Scenario.call("c1", "q", "x:1", null, s.now),
                        List.of(Hint.preferSenior()),
                        s.now);
        // then the very first offer goes to the senior agent
        assertThat(onlyOffer(s.last).agentId()).isEqualTo("senior");
    }
}
