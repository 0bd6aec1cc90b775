package io.ringstream.pbxsim.traffic;

import java.util.List;

/**
 * Chat lines by customer mood, so simulated conversations carry sentiment a model can pick up
 * (angry chats read negative, happy ones positive). Public through read-only lists so the
 * launcher's simulated web-chat visitors and agents speak the same lines as the simulator's chats.
 */
public final class ChatPhrases {
    /** How the customer feels; picks the lines (and so the sentiment) of a whole chat. */
    public enum Mood {
        HAPPY,
        NEUTRAL,
        ANGRY
    }

    static final String BOT_GREETING =
            "Hi! Thanks for contacting us. An agent will be with you soon.";

    static final String[] AGENT_GREETINGS = {
        "Hello, my name is %s. How can I help you today?",
        "Hi, this is %s. I'm looking at your request now.",
        "Good day, %s here. Let me take a look at that for you."
    };

    static final String[] AGENT_LINES = {
        "I understand. Let me check your account.",
        "Thanks for your patience, I'm still looking into it.",
        "I've updated that for you.",
        "Could you confirm the email address on the account?",
        "I'm sorry about the trouble. Here is what we can do.",
        "That should be fixed now. Can you try again?"
    };

    static final String[] AGENT_CLOSERS = {
        "Is there anything else I can help with?",
        "Have a great day!",
        "Thanks for chatting with us."
    };

    private static final String[][] OPENERS = {
        {
            "Hi! I'd love to upgrade my plan.",
            "Hello, quick question about my order, thanks!",
            "Hi there, I want to book another appointment."
        },
        {
            "Hi, I have a question about my invoice.",
            "Hello, how do I change my delivery address?",
            "I need help resetting my password."
        },
        {
            "This is the third time I'm writing about the same problem.",
            "My order is late again and nobody answers my emails. This is terrible.",
            "I was charged twice and I'm really angry about it."
        }
    };

    private static final String[][] FOLLOW_UPS = {
        {"Great, thanks!", "Perfect, that works for me.", "Awesome, you're very helpful."},
        {"Okay.", "Sure, it's the one ending in 42.", "Let me check and get back to you."},
        {
            "That's not good enough.",
            "Why does this keep happening? It's unacceptable.",
            "I've been waiting forever, this service is awful."
        }
    };

    private static final String[][] CLOSERS = {
        {"Thank you so much, have a lovely day!", "Brilliant, all sorted. Thanks!"},
        {"Okay, thanks.", "That's all, bye."},
        {"Whatever. I'm cancelling.", "Still not fixed. Very disappointed."}
    };

    private ChatPhrases() {}

    /** A customer's first line, by mood. */
    public static List<String> openerLines(Mood mood) {
        return List.of(openers(mood));
    }

    /** A customer's middle lines, by mood. */
    public static List<String> followUpLines(Mood mood) {
        return List.of(followUps(mood));
    }

    /** A customer's last lines, by mood. */
    public static List<String> closerLines(Mood mood) {
        return List.of(closers(mood));
    }

    /** An agent's first lines; each has one {@code %s} for the agent's name. */
    public static List<String> agentGreetingLines() {
        return List.of(AGENT_GREETINGS);
    }

    /** An agent's middle lines. */
    public static List<String> agentMiddleLines() {
        return List.of(AGENT_LINES);
    }

    /** An agent's last lines. */
    public static List<String> agentCloserLines() {
        return List.of(AGENT_CLOSERS);
    }

    static String[] openers(Mood mood) {
        return OPENERS[mood.ordinal()];
    }

    static String[] followUps(Mood mood) {
        return FOLLOW_UPS[mood.ordinal()];
    }

    static String[] closers(Mood mood) {
        return CLOSERS[mood.ordinal()];
    }
}
