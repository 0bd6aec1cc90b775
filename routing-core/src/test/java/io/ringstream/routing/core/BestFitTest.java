package io.ringstream.routing.core;

import static io.ringstream.routing.core.Scenario.onlyOffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.Channel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BEST_FIT weighs proficiency against what an assignment would lock up: a blended agent's other
 * channel, a bilingual agent's second language. Each test makes the "wasteful" agent idle longer,
 * so only the score can explain the choice.
 */
class BestFitTest {
    private static final Map<Channel, Integer> VOICE = Map.of(Channel.VOICE, 1);
    private static final Map<Channel, Integer> BLENDED = Map.of(Channel.VOICE, 1, Channel.CHAT, 2);
    private static final Map<Channel, Integer> CHAT = Map.of(Channel.CHAT, 3);

    private static Scenario scenario(double weight) {
        return new Scenario(
                RoutingConfig.of(QueuePolicy.simple("q")).withVersatilityWeight(weight));
    }

    @Test
    void anEnglishCallGoesToTheMonolingualAgentAndKeepsTheBilingualFree() {
        Scenario s = scenario(2);
        s.agent(Scenario.profile("bilingual", "q", "x:4", "en,es", VOICE, 1));
        s.after(30);
        s.agent(Scenario.profile("english", "q", "x:4", "en", VOICE, 1));
        Offer offer = onlyOffer(s.call("c1", "q", "x:1", "en"));
        assertThat(offer.agentId()).isEqualTo("english");
        assertThat(Scenario.decision(s.last).candidates())
                .extracting(Candidate::agentId, Candidate::score)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("english", 4.0),
                        org.assertj.core.groups.Tuple.tuple("bilingual", 3.0));
    }

    @Test
    void aLargeEnoughProficiencyGapStillWins() {
        Scenario s = scenario(2);
        s.agent(Scenario.profile("bilingual-expert", "q", "x:5", "en,es", VOICE, 1));
        s.agent(Scenario.profile("english-novice", "q", "x:3", "en", VOICE, 1));
        assertThat(onlyOffer(s.call("c1", "q", "x:1", "en")).agentId())
                .isEqualTo("bilingual-expert");
    }

    @Test
    void aVoiceCallPrefersAVoiceOnlyAgentOverABlendedOne() {
        Scenario s = scenario(2);
        s.agent(Scenario.profile("blended", "q", "x:5", "", BLENDED, 1));
        s.after(30);
        s.agent(Scenario.profile("voice-only", "q", "x:4", "", VOICE, 1));
        Offer offer = onlyOffer(s.call("c1", "q", "x:1", null));
        assertThat(offer.agentId()).isEqualTo("voice-only");
        assertThat(Scenario.decision(s.last).reason())
                .contains("best fit 4.00 (proficiency 4.00, versatility 0.00)");
    }

    @Test
    void aChatPrefersAChatOnlyAgentOverAnIdleBlendedOne() {
        Scenario s = scenario(2);
        s.agent(Scenario.profile("blended-idle", "q", "x:5", "", BLENDED, 1));
        s.after(30);
        s.agent(Scenario.profile("chat-only", "q", "x:4", "", CHAT, 1));
        var chat = s.queue(Scenario.contact("chat1", Channel.CHAT, "q", "x:1", null, 0, s.now));
        assertThat(onlyOffer(chat).agentId()).isEqualTo("chat-only");
    }

    @Test
    void anotherChatGoesToABlendedAgentAlreadyChattingRatherThanLockingAnIdleOnesVoice() {
        // given an idle blended expert and a blended agent already in a chat
        Scenario s = scenario(2);
        s.agent(Scenario.profile("idle-expert", "q", "x:5", "", BLENDED, 1));
        s.after(30);
        s.agent(Scenario.profile("chatting", "q", "x:4,y:1", "", BLENDED, 1));
        s.accept(
                onlyOffer(
                        s.queue(
                                Scenario.contact(
                                        "y-chat", Channel.CHAT, "q", "y:1", null, 0, s.now))));
        // when another chat arrives
        var chat = s.queue(Scenario.contact("x-chat", Channel.CHAT, "q", "x:1", null, 0, s.now));
        // then it goes to the agent who is chatting anyway; the expert stays free for voice
        assertThat(onlyOffer(chat).agentId()).isEqualTo("chatting");
    }

    @Test
    void weightZeroIsPureProficiency() {
        Scenario s = scenario(0);
        s.agent(Scenario.profile("voice-only", "q", "x:4", "en", VOICE, 1));
        s.agent(Scenario.profile("blended-bilingual", "q", "x:5", "en,es", BLENDED, 1));
        assertThat(onlyOffer(s.call("c1", "q", "x:1", "en")).agentId())
                .isEqualTo("blended-bilingual");
    }
}
