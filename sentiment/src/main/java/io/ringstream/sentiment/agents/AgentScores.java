package io.ringstream.sentiment.agents;

import java.io.Serializable;
import java.util.TreeMap;

/**
 * One agent's conversations of a day that count (latest turn theirs, a customer score), each with
 * its latest customer rolling score. Sorted by conversation, and summed in that order, so the sum
 * depends only on the set of conversations, not on the order turns arrived in: a replay after a
 * restore writes the same row.
 */
public final class AgentScores implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Conversation id → latest customer rolling score. Public for Flink's POJO serializer. */
    public TreeMap<String, Double> scores = new TreeMap<>();

    public AgentScores() {}

    public long conversations() {
        return scores.size();
    }

    /** The sum of the conversations' latest customer scores, in conversation order. */
    public double customerSum() {
        double sum = 0;
        for (double s : scores.values()) {
            sum += s;
        }
        return sum;
    }

    /** The mean latest customer score; null without conversations. */
    public Double customerMean() {
        return scores.isEmpty() ? null : customerSum() / scores.size();
    }

    public boolean isEmpty() {
        return scores.isEmpty();
    }
}
