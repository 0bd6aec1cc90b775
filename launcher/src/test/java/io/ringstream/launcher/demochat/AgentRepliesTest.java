package io.ringstream.launcher.demochat;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.pbxsim.traffic.ChatPhrases;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the simulated chat agents say, and when they close. */
class AgentRepliesTest {
    private final Random rng = new Random(3);

    @Test
    void theFirstAnswerGreetsWithTheAgentsName() {
        String first = AgentReplies.reply(rng, 0, 3, "Mia");

        assertThat(first).contains("Mia");
        assertThat(ChatPhrases.agentGreetingLines())
                .anySatisfy(g -> assertThat(String.format(g, "Mia")).isEqualTo(first));
    }

    @Test
    void middleAnswersAreAgentLinesAndTheClosingTurnIsACloser() {
        for (int turn = 1; turn < 3; turn++) {
            assertThat(ChatPhrases.agentMiddleLines())
                    .contains(AgentReplies.reply(rng, turn, 3, "Leo"));
        }
        assertThat(ChatPhrases.agentCloserLines()).contains(AgentReplies.reply(rng, 3, 3, "Leo"));
    }

    @Test
    void aChatLastsAFewTurnsAndOffersWaitTwoToSixSeconds() {
        for (int i = 0; i < 500; i++) {
            assertThat(AgentReplies.closingTurn(rng)).isBetween(2, 4);
            assertThat(AgentReplies.acceptDelay(rng))
                    .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
            assertThat(AgentReplies.typingTime(rng))
                    .isBetween(Duration.ofMillis(1500), Duration.ofSeconds(4));
        }
    }

    @Test
    void agentFramesNameTheirConversation() {
        var send = ChatFrames.agentSend("chat-1", "a-1", "hello");
        assertThat(send.toString())
                .isEqualTo(
                        "{\"type\":\"send\",\"conversationId\":\"chat-1\",\"clientId\":\"a-1\",\"text\":\"hello\"}");
        assertThat(ChatFrames.hello("t").toString())
                .isEqualTo("{\"type\":\"hello\",\"token\":\"t\"}");
        assertThat(ChatFrames.agentClose("chat-1").toString())
                .isEqualTo("{\"type\":\"close\",\"conversationId\":\"chat-1\"}");
    }
}
