package io.ringstream.sentiment.job.sinks;

import io.ringstream.flink.kit.clickhouse.ClickHouseSink;
import io.ringstream.flink.kit.clickhouse.RowMapper;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.sentiment.job.ConversationPoint;
import io.ringstream.sentiment.job.ScoredUtterance;
import io.ringstream.sentiment.job.SentimentAlert;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The sentiment job's ClickHouse tables (migrations V020–V022): their columns and how a stream
 * element becomes a row, side by side so they cannot drift apart. docs/clickhouse.md describes them
 * for analysts.
 */
public final class SentimentTables {
    public static final String UTTERANCE_SENTIMENT = "ringstream.utterance_sentiment";
    public static final String CONVERSATION_SENTIMENT = "ringstream.conversation_sentiment";
    public static final String SENTIMENT_ALERTS = "ringstream.sentiment_alerts";

    static final List<String> UTTERANCE_COLUMNS =
            List.of(
                    "event_id",
                    "tenant",
                    "contact_id",
                    "channel",
                    "type",
                    "speaker",
                    "event_date",
                    "event_time",
                    "event_time_ms",
                    "source",
                    "language",
                    "language_source",
                    "scored",
                    "model",
                    "score",
                    "label",
                    "confidence",
                    "unscored_reason",
                    "text",
                    "scored_at_ms",
                    "scoring_ms");

    static final List<String> CONVERSATION_COLUMNS =
            List.of(
                    "tenant",
                    "contact_id",
                    "turn",
                    "event_id",
                    "speaker",
                    "event_date",
                    "event_time",
                    "event_time_ms",
                    "customer_turn",
                    "score",
                    "conversation_rolling",
                    "customer_rolling",
                    "agent_rolling",
                    "customer_trend",
                    "alerting",
                    "language",
                    "queue",
                    "agent_id",
                    "updated_at_ms");

    static final List<String> ALERT_COLUMNS =
            List.of(
                    "alert_id",
                    "tenant",
                    "contact_id",
                    "episode",
                    "trigger",
                    "severity",
                    "event_date",
                    "event_time",
                    "event_time_ms",
                    "turn",
                    "customer_turn",
                    "customer_rolling",
                    "drop_amount",
                    "threshold",
                    "trend",
                    "utterance_event_id",
                    "text",
                    "language",
                    "model",
                    "queue",
                    "agent_id",
                    "message",
                    "raised_at_ms");

    private SentimentTables() {}

    static Object[] utteranceRow(ScoredUtterance u) {
        return new Object[] {
            u.eventId(),
            u.tenant(),
            u.contactId(),
            text(u.channel()),
            text(u.type()),
            text(u.speaker()),
            date(u.eventTime()),
            seconds(u.eventTime()),
            u.eventTime(),
            text(u.source()),
            text(u.language()),
            text(u.languageSource()),
            u.scored() ? 1 : 0,
            text(u.model()),
            u.score(),
            text(u.label()),
            u.confidence(),
            text(u.unscoredReason()),
            text(u.text()),
            u.scoredAt(),
            u.scoringMillis()
        };
    }

    static Object[] conversationRow(ConversationPoint p) {
        return new Object[] {
            p.tenant(),
            p.contactId(),
            p.turn(),
            p.eventId(),
            text(p.speaker()),
            date(p.eventTime()),
            seconds(p.eventTime()),
            p.eventTime(),
            p.customerTurn(),
            p.score(),
            p.conversationRolling(),
            p.customerRolling(),
            p.agentRolling(),
            p.customerTrend(),
            p.alerting() ? 1 : 0,
            text(p.language()),
            text(p.queue()),
            text(p.agentId()),
            p.updatedAt()
        };
    }

    static Object[] alertRow(SentimentAlert a) {
        return new Object[] {
            a.alertId(),
            a.tenant(),
            a.contactId(),
            a.episode(),
            a.trigger(),
            a.severity(),
            date(a.eventTime()),
            seconds(a.eventTime()),
            a.eventTime(),
            a.turn(),
            a.customerTurn(),
            a.customerRolling(),
            a.dropAmount(),
            a.threshold(),
            a.trend(),
            text(a.utteranceEventId()),
            text(a.text()),
            text(a.language()),
            text(a.model()),
            text(a.queue()),
            text(a.agentId()),
            text(a.message()),
            a.raisedAt()
        };
    }

    public static ClickHouseSink<ScoredUtterance> utteranceSink(String url, SinkTuning tuning) {
        return sink(
                url, UTTERANCE_SENTIMENT, UTTERANCE_COLUMNS, SentimentTables::utteranceRow, tuning);
    }

    public static ClickHouseSink<ConversationPoint> conversationSink(
            String url, SinkTuning tuning) {
        return sink(
                url,
                CONVERSATION_SENTIMENT,
                CONVERSATION_COLUMNS,
                SentimentTables::conversationRow,
                tuning);
    }

    public static ClickHouseSink<SentimentAlert> alertSink(String url, SinkTuning tuning) {
        return sink(url, SENTIMENT_ALERTS, ALERT_COLUMNS, SentimentTables::alertRow, tuning);
    }

    private static <T> ClickHouseSink<T> sink(
            String url, String table, List<String> columns, RowMapper<T> mapper, SinkTuning t) {
        return ClickHouseSink.<T>builder()
                .jdbcUrl(url)
                .table(table)
                .columns(columns)
                .rowMapper(mapper)
                .batchSize(t.batchSize())
                .flushInterval(t.flushInterval())
                .maxRetries(t.maxRetries())
                .deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** A Date column: the UTC day. */
    static String date(long epochMillis) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L)).toString();
    }

    /** A DateTime column: epoch seconds, independent of time zones. */
    static long seconds(long epochMillis) {
        return Math.floorDiv(epochMillis, 1000L);
    }

    static String text(String s) {
        return s == null ? "" : s;
    }
}
