package io.ringstream.sentiment.rolling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rolling sentiment remembers about one conversation between its utterances: bounded (a
 * few numbers and short lists), whatever the conversation's length.
 *
 * <p>A mutable POJO with public fields because Flink keeps it in keyed state with its POJO
 * serializer; only {@link RollingSentiment} changes the sentiment fields. Its lifetime is decided
 * by the operator: it is dropped when the conversation ends (after a linger) or goes quiet.
 */
public class ConversationState {
    /** Utterances seen, scored or not. */
    public int turns;

    /** Scored customer utterances. */
    public int customerTurns;

    /** Exponentially weighted score over every scored utterance; null before the first. */
    public Double conversationRolling;

    /** Exponentially weighted score per speaker (CUSTOMER, AGENT, BOT). */
    public Map<String, Double> speakerRolling = new HashMap<>();

    /** The customer's rolling score after each of the last {@code dropTurns} customer turns. */
    public List<Double> recentCustomerRolling = new ArrayList<>();

    /** The customer's raw scores of the last {@code trendTurns} customer turns. */
    public List<Double> recentCustomerScores = new ArrayList<>();

    /** True from an alert until the customer recovers: no second alert within one episode. */
    public boolean alerting;

    /** Alerts raised so far; numbers the episodes. */
    public int episodes;

    /** Ids of the last few utterances, to ignore a redelivered one. */
    public List<String> recentEventIds = new ArrayList<>();

    /** Largest event time seen, epoch millis. */
    public long lastEventTime;

    /** Event time the contact ended, or null while it lasts. */
    public Long endedAt;

    /** The contact's queue and agent, when contact events said so: alerts carry them. */
    public String queue;

    public String agentId;

    /** The most recent language an utterance was scored in. */
    public String language;

    public ConversationState() {}

    public Double customerRolling() {
        return speakerRolling.get(Turn.CUSTOMER);
    }
}
