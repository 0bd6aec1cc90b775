package io.ringstream.sentiment.job;

/**
 * One row of a conversation's sentiment timeline ({@code conversation_sentiment}): the rolling
 * scores right after an utterance. See {@link io.ringstream.sentiment.rolling.TimelinePoint}.
 */
public record ConversationPoint(
        String tenant,
        String contactId,
        int turn,
        String eventId,
        String speaker,
        long eventTime,
        int customerTurn,
        Double score,
        Double conversationRolling,
        Double customerRolling,
        Double agentRolling,
        double customerTrend,
        boolean alerting,
        String language,
        String queue,
        String agentId,
        long updatedAt) {}
