package io.ringstream.launcher.demochat;

import io.ringstream.pbxsim.traffic.ChatPhrases;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * What a simulated chat agent of {@code up} answers, and when it ends the conversation: a greeting
 * with its name first, then the simulator's agent lines, then a closer on the turn picked for it;
 * the agent closes the conversation after the closer. Plain logic, so it is tested on its own.
 */
final class AgentReplies {
    private AgentReplies() {}

    /**
     * The agent's answer to the visitor's message.
     *
     * @param turn how many answers the agent gave in this conversation before this one
     * @param closingTurn the turn whose answer is the closer ({@link #closingTurn})
     */
    static String reply(Random rng, int turn, int closingTurn, String agentName) {
        if (turn == 0) {
            return String.format(pick(rng, ChatPhrases.agentGreetingLines()), agentName);
        }
        if (turn >= closingTurn) {
            return pick(rng, ChatPhrases.agentCloserLines());
        }
        return pick(rng, ChatPhrases.agentMiddleLines());
    }

    /** The turn of the closer: the third to fifth answer, so a chat lasts a few exchanges. */
    static int closingTurn(Random rng) {
        return 2 + rng.nextInt(3);
    }

    /** How long the agent "types" before an answer: 1.5 to 4 s. */
    static Duration typingTime(Random rng) {
        return Duration.ofMillis(1500 + rng.nextInt(2501));
    }

    /** How long the agent looks at an offer before accepting it: 2 to 6 s. */
    static Duration acceptDelay(Random rng) {
        return Duration.ofMillis(2000 + rng.nextInt(4001));
    }

    private static String pick(Random rng, List<String> options) {
        return options.get(rng.nextInt(options.size()));
    }
}
