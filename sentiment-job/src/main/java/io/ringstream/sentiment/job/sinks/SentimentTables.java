package io.ringstream.sentiment.job.sinks;

import io.ringstream.clickhouse.Table;
import io.ringstream.clickhouse.TableSpec;
import io.ringstream.sentiment.job.AgentSentimentRow;
import io.ringstream.sentiment.job.ConversationPoint;
import io.ringstream.sentiment.job.ScoredUtterance;
import io.ringstream.sentiment.job.SentimentAlert;

/**
 * The sentiment job's tables (migrations V020–V022, V058), each column next to how a stream element
 * fills it. docs/clickhouse.md describes them for analysts.
 */
public final class SentimentTables {
    private SentimentTables() {}

    public static final TableSpec<ScoredUtterance> UTTERANCE_SENTIMENT =
            TableSpec.<ScoredUtterance>of(Table.UTTERANCE_SENTIMENT)
                    .column("event_id", ScoredUtterance::eventId)
                    .column("tenant", ScoredUtterance::tenant)
                    .column("contact_id", ScoredUtterance::contactId)
                    .text("channel", ScoredUtterance::channel)
                    .text("type", ScoredUtterance::type)
                    .text("speaker", ScoredUtterance::speaker)
                    .eventTime("event", ScoredUtterance::eventTime)
                    .text("source", ScoredUtterance::source)
                    .text("language", ScoredUtterance::language)
                    .text("language_source", ScoredUtterance::languageSource)
                    .flag("scored", ScoredUtterance::scored)
                    .text("model", ScoredUtterance::model)
                    .column("score", ScoredUtterance::score)
                    .text("label", ScoredUtterance::label)
                    .column("confidence", ScoredUtterance::confidence)
                    .text("unscored_reason", ScoredUtterance::unscoredReason)
                    .text("text", ScoredUtterance::text)
                    .column("scored_at_ms", ScoredUtterance::scoredAt)
                    .column("scoring_ms", ScoredUtterance::scoringMillis)
                    .build();

    public static final TableSpec<ConversationPoint> CONVERSATION_SENTIMENT =
            TableSpec.<ConversationPoint>of(Table.CONVERSATION_SENTIMENT)
                    .column("tenant", ConversationPoint::tenant)
                    .column("contact_id", ConversationPoint::contactId)
                    .column("turn", ConversationPoint::turn)
                    .column("event_id", ConversationPoint::eventId)
                    .text("speaker", ConversationPoint::speaker)
                    .eventTime("event", ConversationPoint::eventTime)
                    .column("customer_turn", ConversationPoint::customerTurn)
                    .column("score", ConversationPoint::score)
                    .column("conversation_rolling", ConversationPoint::conversationRolling)
                    .column("customer_rolling", ConversationPoint::customerRolling)
                    .column("agent_rolling", ConversationPoint::agentRolling)
                    .column("customer_trend", ConversationPoint::customerTrend)
                    .flag("alerting", ConversationPoint::alerting)
                    .text("language", ConversationPoint::language)
                    .text("queue", ConversationPoint::queue)
                    .text("agent_id", ConversationPoint::agentId)
                    .column("updated_at_ms", ConversationPoint::updatedAt)
                    .build();

    public static final TableSpec<SentimentAlert> SENTIMENT_ALERTS =
            TableSpec.<SentimentAlert>of(Table.SENTIMENT_ALERTS)
                    .column("alert_id", SentimentAlert::alertId)
                    .column("tenant", SentimentAlert::tenant)
                    .column("contact_id", SentimentAlert::contactId)
                    .column("episode", SentimentAlert::episode)
                    .column("trigger", SentimentAlert::trigger)
                    .column("severity", SentimentAlert::severity)
                    .eventTime("event", SentimentAlert::eventTime)
                    .column("turn", SentimentAlert::turn)
                    .column("customer_turn", SentimentAlert::customerTurn)
                    .column("customer_rolling", SentimentAlert::customerRolling)
                    .column("drop_amount", SentimentAlert::dropAmount)
                    .column("threshold", SentimentAlert::threshold)
                    .column("trend", SentimentAlert::trend)
                    .text("utterance_event_id", SentimentAlert::utteranceEventId)
                    .text("text", SentimentAlert::text)
                    .text("language", SentimentAlert::language)
                    .text("model", SentimentAlert::model)
                    .text("queue", SentimentAlert::queue)
                    .text("agent_id", SentimentAlert::agentId)
                    .text("message", SentimentAlert::message)
                    .column("raised_at_ms", SentimentAlert::raisedAt)
                    .build();

    /** version = as_of_ms: the latest row of an agent and day replaces the others. */
    public static final TableSpec<AgentSentimentRow> AGENT_SENTIMENT_DAYS =
            TableSpec.<AgentSentimentRow>of(Table.AGENT_SENTIMENT_DAYS)
                    .column("tenant", AgentSentimentRow::tenant)
                    .date("day", AgentSentimentRow::dayStart)
                    .column("agent_id", AgentSentimentRow::agentId)
                    .column("conversations", AgentSentimentRow::conversations)
                    .column("customer_sum", AgentSentimentRow::customerSum)
                    .column("customer_mean", AgentSentimentRow::customerMean)
                    .column("as_of_ms", AgentSentimentRow::asOf)
                    .column("version", AgentSentimentRow::asOf)
                    .dateTime("updated_at", AgentSentimentRow::updatedAt)
                    .build();
}
