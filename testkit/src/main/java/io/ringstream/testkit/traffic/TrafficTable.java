package io.ringstream.testkit.traffic;

import io.ringstream.clickhouse.Table;
import java.util.List;

/**
 * The tables the generator fills and the columns it writes, in the order of each row's values.
 * Columns left out keep their defaults (ClickHouse fills them on insert).
 */
public enum TrafficTable {
    CONTACT_EVENTS(
            Table.CONTACT_EVENTS,
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
            "customer_id",
            "wait_ms",
            "duration_ms",
            "reason",
            "attributes"),
    AGENT_EVENTS(
            Table.AGENT_EVENTS,
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
            "attributes"),
    QUEUE_KPIS(
            Table.QUEUE_KPIS,
            "tenant",
            "queue",
            "window_kind",
            "window_start",
            "window_end",
            "window_minutes",
            "as_of",
            "as_of_ms",
            "closed",
            "offered",
            "answered",
            "answered_within_threshold",
            "abandoned",
            "short_abandoned",
            "abandoned_within_threshold",
            "total_wait_ms",
            "max_wait_ms",
            "handled",
            "talk_ms",
            "holds",
            "hold_ms",
            "wrap_ups",
            "wrap_up_ms",
            "ready_ms",
            "not_ready_ms",
            "busy_ms",
            "agent_wrap_up_ms",
            "waiting_ms",
            "threshold_seconds",
            "target_share",
            "short_abandon_ms",
            "sl_answered_only",
            "sl_abandons_count_against",
            "sl_left_queue",
            "service_level",
            "sl_convention",
            "asa_ms",
            "aht_ms",
            "occupancy",
            "waiting_now",
            "longest_wait_now_ms",
            "agents_ready",
            "agents_not_ready",
            "agents_busy",
            "agents_wrap_up",
            "agents_staffed",
            "avg_waiting",
            "erlang_agents_required",
            "version",
            "updated_at"),
    ROUTING_DECISIONS(
            Table.ROUTING_DECISIONS,
            "decision_id",
            "tenant",
            "decision_date",
            "decision_time",
            "decision_time_ms",
            "contact_id",
            "queue",
            "chosen_agent_id",
            "offer_id",
            "step",
            "strategy",
            "reason",
            "candidate_count",
            "eligible_count",
            "candidates"),
    SLA_EVENTS(
            Table.SLA_EVENTS,
            "event_id",
            "tenant",
            "type",
            "kind",
            "clock_id",
            "policy_id",
            "subject_type",
            "subject",
            "contact_id",
            "agent_id",
            "queue",
            "channel",
            "event_date",
            "event_time",
            "event_time_ms",
            "started_at_ms",
            "threshold_ms",
            "elapsed_ms",
            "reason",
            "short_abandon"),
    UTTERANCE_SENTIMENT(
            Table.UTTERANCE_SENTIMENT,
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
            "scored",
            "model",
            "score",
            "label",
            "text"),
    CONVERSATION_SENTIMENT(
            Table.CONVERSATION_SENTIMENT,
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
            "customer_rolling",
            "customer_trend",
            "alerting",
            "language",
            "queue",
            "agent_id"),
    SENTIMENT_ALERTS(
            Table.SENTIMENT_ALERTS,
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
            "threshold",
            "text",
            "queue",
            "agent_id",
            "message"),
    DEAD_LETTERS(
            Table.DEAD_LETTERS,
            "reason",
            "component",
            "origin",
            "topic",
            "partition",
            "offset",
            "payload",
            "failed_at",
            "failed_at_ms");

    private final Table table;
    private final List<String> columns;

    TrafficTable(Table table, String... columns) {
        this.table = table;
        this.columns = List.of(columns);
    }

    public Table table() {
        return table;
    }

    public List<String> columns() {
        return columns;
    }

    /** The position of {@code column} in this table's rows. */
    public int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(this + " has no column " + column);
        }
        return i;
    }
}
