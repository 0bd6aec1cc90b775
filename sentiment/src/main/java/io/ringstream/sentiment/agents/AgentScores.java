package io.ringstream.sentiment.agents;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One agent's conversations of a day that count (latest turn theirs, a customer score), each with
 * its latest customer rolling score. Sorted by conversation, and summed in that order, so the sum
 * depends only on the set of conversations, not on the order turns arrived in: a replay after a
 * restore writes the same row. Two sorted arrays (a few dozen conversations per agent and day), so
 * Flink keeps it with its POJO serializer.
 */
public final class AgentScores implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Conversation ids, sorted. Public for Flink's POJO serializer. */
    public String[] contacts = new String[0];

    /** {@code scores[i]} is the latest customer rolling score of {@code contacts[i]}. */
    public double[] scores = new double[0];

    public AgentScores() {}

    /** Sets the conversation's score, adding it if new. */
    public void put(String contactId, double score) {
        int i = Arrays.binarySearch(contacts, contactId);
        if (i >= 0) {
            scores[i] = score;
            return;
        }
        int at = -i - 1;
        String[] c = new String[contacts.length + 1];
        double[] s = new double[scores.length + 1];
        System.arraycopy(contacts, 0, c, 0, at);
        System.arraycopy(scores, 0, s, 0, at);
        c[at] = contactId;
        s[at] = score;
        System.arraycopy(contacts, at, c, at + 1, contacts.length - at);
        System.arraycopy(scores, at, s, at + 1, scores.length - at);
        contacts = c;
        scores = s;
    }

    /** Removes the conversation, if present. */
    public void remove(String contactId) {
        int i = Arrays.binarySearch(contacts, contactId);
        if (i < 0) {
            return;
        }
        String[] c = new String[contacts.length - 1];
        double[] s = new double[scores.length - 1];
        System.arraycopy(contacts, 0, c, 0, i);
        System.arraycopy(scores, 0, s, 0, i);
        System.arraycopy(contacts, i + 1, c, i, contacts.length - i - 1);
        System.arraycopy(scores, i + 1, s, i, scores.length - i - 1);
        contacts = c;
        scores = s;
    }

    public long conversations() {
        return contacts.length;
    }

    /** The sum of the conversations' latest customer scores, in conversation order. */
    public double customerSum() {
        double sum = 0;
        for (double s : scores) {
            sum += s;
        }
        return sum;
    }

    /** The mean latest customer score; null without conversations. */
    public Double customerMean() {
        return contacts.length == 0 ? null : customerSum() / contacts.length;
    }

    public boolean hasNone() {
        return contacts.length == 0;
    }
}
