package io.ringstream.flink.clickhouse;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.flink.kit.clickhouse.ClickHouseSink;
import io.ringstream.flink.kit.clickhouse.RowMapper;
import io.ringstream.flink.kit.clickhouse.Rows;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.stats.QueueIntervalStats;
import java.util.List;

/**
 * The job's ClickHouse tables (created by ringstream-clickhouse's migrations): their columns and
 * how a stream element becomes a row, kept next to each other so they cannot drift apart.
 */
public final class RingstreamTables {
    public static final String CONTACT_EVENTS = "ringstream.contact_events";
    public static final String AGENT_EVENTS = "ringstream.agent_events";
    public static final String QUEUE_INTERVAL_STATS = "ringstream.queue_interval_stats";
    public static final String DEAD_LETTERS = "ringstream.dead_letters";

    static final List<String> CONTACT_EVENT_COLUMNS =
            List.of(
                    "event_id",
                    "tenant",
                    "contact_id",
                    "type",
                    "channel",
                    "event_date",
                    "event_time",
                    "event_time_ms",
                    "source",
                    "queue",
                    "agent_id",
                    "wait_ms",
                    "duration_ms",
                    "reason",
                    "attributes");

    static final List<String> AGENT_EVENT_COLUMNS =
            List.of(
                    "event_id",
                    "tenant",
                    "agent_id",
                    "type",
                    "event_date",
                    "event_time",
                    "event_time_ms",
                    "source",
                    "queue",
                    "reason",
                    "skills",
                    "attributes");

    static final List<String> QUEUE_INTERVAL_STATS_COLUMNS =
            List.of(
                    "tenant",
                    "queue",
                    "interval_start",
                    "interval_minutes",
                    "offered",
                    "answered",
                    "abandoned",
                    "answered_within_threshold",
                    "threshold_seconds",
                    "total_wait_ms",
                    "total_talk_ms",
                    "version",
                    "updated_at");

    static final List<String> DEAD_LETTER_COLUMNS =
            List.of(
                    "reason",
                    "component",
                    "origin",
                    "topic",
                    "partition",
                    "offset",
                    "payload",
                    "failed_at",
                    "failed_at_ms");

    private RingstreamTables() {}

    static Object[] contactEventRow(ContactEvent e) {
        return new Object[] {
            e.eventId(),
            e.tenant(),
            e.contactId(),
            e.type().name(),
            e.channel().name(),
            Rows.date(e.eventTime()),
            Rows.dateTime(e.eventTime()),
            e.eventTime(),
            Rows.text(e.source()),
            Rows.text(e.queue()),
            Rows.text(e.agentId()),
            e.waitMillis(),
            e.durationMillis(),
            Rows.text(e.reason()),
            Rows.json(e.attributes())
        };
    }

    static Object[] agentEventRow(AgentEvent e) {
        return new Object[] {
            e.eventId(),
            e.tenant(),
            e.agentId(),
            e.type().name(),
            Rows.date(e.eventTime()),
            Rows.dateTime(e.eventTime()),
            e.eventTime(),
            Rows.text(e.source()),
            Rows.text(e.queue()),
            Rows.text(e.reason()),
            Rows.json(e.skills()),
            Rows.json(e.attributes())
        };
    }

    static Object[] queueIntervalStatsRow(QueueIntervalStats s) {
        return new Object[] {
            s.tenant(),
            s.queue(),
            Rows.dateTime(s.intervalStart()),
            s.intervalMinutes(),
            s.offered(),
            s.answered(),
            s.abandoned(),
            s.answeredWithinThreshold(),
            s.thresholdSeconds(),
            s.totalWaitMillis(),
            s.totalTalkMillis(),
            s.version(),
            Rows.dateTime(s.updatedAt())
        };
    }

    static Object[] deadLetterRow(DeadLetter d) {
        return new Object[] {
            Rows.text(d.reason()),
            Rows.text(d.component()),
            Rows.text(d.origin()),
            Rows.text(d.topic()),
            d.partition() == null ? -1 : d.partition(),
            d.offset() == null ? -1L : d.offset(),
            Rows.text(d.payload()),
            Rows.dateTime(d.failedAt()),
            d.failedAt()
        };
    }

    public static ClickHouseSink<ContactEvent> contactEventsSink(
            String jdbcUrl, SinkTuning tuning) {
        return sink(
                jdbcUrl,
                CONTACT_EVENTS,
                CONTACT_EVENT_COLUMNS,
                RingstreamTables::contactEventRow,
                tuning);
    }

    public static ClickHouseSink<AgentEvent> agentEventsSink(String jdbcUrl, SinkTuning tuning) {
        return sink(
                jdbcUrl,
                AGENT_EVENTS,
                AGENT_EVENT_COLUMNS,
                RingstreamTables::agentEventRow,
                tuning);
    }

    public static ClickHouseSink<QueueIntervalStats> queueIntervalStatsSink(
            String jdbcUrl, SinkTuning tuning) {
        return sink(
                jdbcUrl,
                QUEUE_INTERVAL_STATS,
                QUEUE_INTERVAL_STATS_COLUMNS,
                RingstreamTables::queueIntervalStatsRow,
                tuning);
    }

    /**
     * An analysts' copy of the dead letters. dead_letters is a plain MergeTree: a dead letter
     * replayed after a restore appears twice there (its topic/partition/offset tell them apart).
     */
    public static ClickHouseSink<DeadLetter> deadLettersSink(String jdbcUrl, SinkTuning tuning) {
        return sink(
                jdbcUrl,
                DEAD_LETTERS,
                DEAD_LETTER_COLUMNS,
                RingstreamTables::deadLetterRow,
                tuning);
    }

    private static <T> ClickHouseSink<T> sink(
            String jdbcUrl,
            String table,
            List<String> columns,
            RowMapper<T> mapper,
            SinkTuning tuning) {
        return ClickHouseSink.<T>builder()
                .jdbcUrl(jdbcUrl)
                .table(table)
                .columns(columns)
                .rowMapper(mapper)
                .batchSize(tuning.batchSize())
                .flushInterval(tuning.flushInterval())
                .maxRetries(tuning.maxRetries())
                .deliveryGuarantee(org.apache.flink.connector.base.DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
