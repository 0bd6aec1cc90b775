package io.ringstream.pbxsim.traffic;

/** Readable, deterministic agent names, so dashboards of a simulated run look like people. */
final class AgentNames {
    private static final String[] FIRST = {
        "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy",
        "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Uma", "Victor", "Wendy"
    };

    private AgentNames() {}

    static String name(int queueIndex, int agentIndex) {
        String first = FIRST[(queueIndex * 7 + agentIndex) % FIRST.length];
        int round = (queueIndex * 7 + agentIndex) / FIRST.length;
        return round == 0 ? first : first + " " + (round + 1);
    }
}
