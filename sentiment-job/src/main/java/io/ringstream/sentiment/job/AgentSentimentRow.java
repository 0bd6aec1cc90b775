package io.ringstream.sentiment.job;

/**
 * One row of {@code agent_sentiment_days}: an agent's complete figures for one tenant and UTC day
 * as of {@code asOf}, which is also the row's version (the latest replaces the others).
 *
 * @param dayStart the day's first millisecond (UTC), written as the Date column {@code day}
 * @param conversations conversations whose latest turn of the day was the agent's, with a score
 * @param customerSum the sum of those conversations' latest customer rolling scores
 * @param customerMean {@code customerSum / conversations}, null without conversations
 * @param asOf processing time of the row, epoch millis, strictly increasing per tenant and day
 * @param updatedAt wall-clock time the row was written, epoch millis
 */
public record AgentSentimentRow(
        String tenant,
        long dayStart,
        String agentId,
        long conversations,
        double customerSum,
        Double customerMean,
        long asOf,
        long updatedAt) {}
