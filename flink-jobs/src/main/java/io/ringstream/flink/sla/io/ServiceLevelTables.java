package io.ringstream.flink.sla.io;

import io.ringstream.analytics.kpi.KpiCounters;
import io.ringstream.analytics.kpi.QueueKpiRow;
import io.ringstream.events.SlaEvent;
import io.ringstream.flink.kit.clickhouse.ClickHouseSink;
import io.ringstream.flink.kit.clickhouse.RowMapper;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The SLA job's ClickHouse tables ({@code sla_events}, {@code queue_kpis}; migrations V030 and
 * V031): their columns next to how a stream element becomes a row, so they cannot drift apart.
 */
public final class ServiceLevelTables {
    public static final String SLA_EVENTS = "ringstream.sla_events";
    public static final String QUEUE_KPIS = "ringstream.queue_kpis";

    static final List<String> SLA_EVENT_COLUMNS =
            List.of(
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
                    "priority",
                    "event_date",
                    "event_time",
                    "event_time_ms",
                    "started_at_ms",
                    "threshold_ms",
                    "elapsed_ms",
                    "reason",
                    "short_abandon");

    static final List<String> QUEUE_KPI_COLUMNS =
            List.of(
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
                    "updated_at");

    private ServiceLevelTables() {}

    static Object[] slaEventRow(SlaEvent e) {
        return new Object[] {
            e.eventId(),
            e.tenant(),
            e.type().name(),
            e.kind().name(),
            e.clockId(),
            e.policyId(),
            e.subjectType().name(),
            e.subject(),
            text(e.contactId()),
            text(e.agentId()),
            text(e.queue()),
            e.channel() == null ? "" : e.channel().name(),
            e.priority(),
            date(e.eventTime()),
            seconds(e.eventTime()),
            e.eventTime(),
            e.startedAt(),
            e.thresholdMillis(),
            e.elapsedMillis(),
            text(e.reason()),
            e.shortAbandon() ? 1 : 0
        };
    }

    static Object[] queueKpiRow(QueueKpiRow r) {
        KpiCounters c = r.counters();
        return new Object[] {
            r.tenant(),
            r.queue(),
            r.windowKind().label(),
            seconds(r.windowStart()),
            seconds(r.windowEnd()),
            (r.windowEnd() - r.windowStart()) / 60_000,
            seconds(r.asOf()),
            r.asOf(),
            r.closed() ? 1 : 0,
            c.offered,
            c.answered,
            c.answeredWithin,
            c.abandoned,
            c.shortAbandoned,
            c.abandonedWithin,
            c.totalWaitMs,
            c.maxWaitMs,
            c.handled,
            c.talkMs,
            c.holds,
            c.holdMs,
            c.wrapUps,
            c.wrapUpMs,
            c.readyMs,
            c.notReadyMs,
            c.busyMs,
            c.agentWrapUpMs,
            c.waitingMs,
            r.thresholdSeconds(),
            r.targetShare(),
            r.shortAbandonMillis(),
            r.slAnsweredOnly(),
            r.slAbandonsCountAgainst(),
            r.slLeftQueue(),
            r.serviceLevel(),
            r.wallboardConvention(),
            r.asaMs(),
            r.ahtMs(),
            r.occupancy(),
            r.waitingNow(),
            r.longestWaitNowMs(),
            r.agentsReady(),
            r.agentsNotReady(),
            r.agentsBusy(),
            r.agentsWrapUp(),
            r.agentsStaffed(),
            r.avgWaiting(),
            r.erlangAgentsRequired(),
            r.version(),
            seconds(System.currentTimeMillis())
        };
    }

    public static ClickHouseSink<SlaEvent> slaEventsSink(String jdbcUrl, SinkTuning tuning) {
        return sink(
                jdbcUrl, SLA_EVENTS, SLA_EVENT_COLUMNS, ServiceLevelTables::slaEventRow, tuning);
    }

    public static ClickHouseSink<QueueKpiRow> queueKpisSink(String jdbcUrl, SinkTuning tuning) {
        return sink(
                jdbcUrl, QUEUE_KPIS, QUEUE_KPI_COLUMNS, ServiceLevelTables::queueKpiRow, tuning);
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
                .deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** A Date column: the UTC day. */
    private static String date(long epochMillis) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L)).toString();
    }

    /** A DateTime column: epoch seconds, independent of time zones. */
    private static long seconds(long epochMillis) {
        return Math.floorDiv(epochMillis, 1000L);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
