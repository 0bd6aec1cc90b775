package io.ringstream.sentiment.agents;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per tenant and UTC day, each agent's number of conversations with a customer score and the sum of
 * those conversations' final customer rolling scores, where a conversation's agent is its latest
 * turn's agent: what {@code agent_sentiment_days} holds and Conversion's "customer sentiment" sums.
 * A view cannot keep this exactly (a conversation moves between agents when its latest agent
 * changes), so the sentiment job keeps it in keyed state and the traffic generator computes its
 * rows with this same class.
 *
 * <p>Only turns of the day are applied: a conversation that has turns on two days counts on each,
 * with its latest agent and score of that day. Where the state lives is the {@link Store}'s
 * business ({@link #inMemory()} for tools, Flink keyed state in the job).
 */
public final class AgentSentimentDay {

    /** Where the day's conversations and agents are kept. */
    public interface Store {
        /** The conversation's state, null before its first turn of the day. */
        ConversationFinal conversation(String contactId);

        void putConversation(String contactId, ConversationFinal state);

        /** The agent's counted conversations, null when none. */
        AgentScores agent(String agentId);

        /** Stores the agent's conversations; {@code scores} empty: forget the agent. */
        void putAgent(String agentId, AgentScores scores);
    }

    /** A {@link Store} on heap maps; {@link #agents()} lists every agent's conversations. */
    public static final class MemoryStore implements Store {
        private final Map<String, ConversationFinal> conversations = new TreeMap<>();
        private final TreeMap<String, AgentScores> agents = new TreeMap<>();

        @Override
        public ConversationFinal conversation(String contactId) {
            return conversations.get(contactId);
        }

        @Override
        public void putConversation(String contactId, ConversationFinal state) {
            conversations.put(contactId, state);
        }

        @Override
        public AgentScores agent(String agentId) {
            return agents.get(agentId);
        }

        @Override
        public void putAgent(String agentId, AgentScores scores) {
            if (scores.hasNone()) {
                agents.remove(agentId);
            } else {
                agents.put(agentId, scores);
            }
        }

        /** Agent → counted conversations, by agent id. */
        public Map<String, AgentScores> agents() {
            return agents;
        }
    }

    private final Store store;

    public AgentSentimentDay(Store store) {
        this.store = store;
    }

    /** An accumulator on heap maps (one day of one tenant). */
    public static AgentSentimentDay inMemory() {
        return new AgentSentimentDay(new MemoryStore());
    }

    public Store store() {
        return store;
    }

    /**
     * Applies one turn of a conversation (a {@code conversation_sentiment} row).
     *
     * @param turn the turn number (later turns win, whatever order they arrive in)
     * @param agentId the turn's agent, null or empty when none was known
     * @param customerRolling the customer's rolling score after the turn, null when none yet
     * @return the agents whose row changed: none for a redelivered or older turn; the old and the
     *     new agent when the conversation moved
     */
    public Set<String> apply(String contactId, int turn, String agentId, Double customerRolling) {
        ConversationFinal old = store.conversation(contactId);
        ConversationFinal before = old == null ? ConversationFinal.NONE : old;
        ConversationFinal after = before.with(turn, agentId, customerRolling);
        if (after.equals(before)) {
            return Set.of();
        }
        store.putConversation(contactId, after);
        String was = before.counts() ? before.agentId() : null;
        String is = after.counts() ? after.agentId() : null;
        if (was != null && was.equals(is) && before.score().equals(after.score())) {
            return Set.of();
        }
        Set<String> changed = new LinkedHashSet<>();
        if (was != null && !was.equals(is)) {
            AgentScores scores = store.agent(was);
            scores.remove(contactId);
            store.putAgent(was, scores);
            changed.add(was);
        }
        if (is != null) {
            AgentScores scores = store.agent(is);
            if (scores == null) {
                scores = new AgentScores();
            }
            scores.put(contactId, after.score());
            store.putAgent(is, scores);
            changed.add(is);
        }
        return changed;
    }

    /** The agent's counted conversations now; empty when none. */
    public AgentScores agent(String agentId) {
        AgentScores scores = store.agent(agentId);
        return scores == null ? new AgentScores() : scores;
    }
}
