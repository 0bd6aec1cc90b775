package io.ringstream.flink.sla.io;

import io.ringstream.analytics.kpi.AgentKpiRow;
import io.ringstream.analytics.kpi.QueueKpiRow;
import io.ringstream.clickhouse.Table;
import io.ringstream.clickhouse.TableSpec;
import io.ringstream.events.SlaEvent;

/**
 * The service-level job's tables ({@code sla_events}, {@code queue_kpis}, {@code agent_kpis};
 * migrations V030, V031 and V056), each column next to how a stream element fills it. A KPI column
 * is one line here, its value in {@link QueueKpiRow}, and a migration.
 */
public final class ServiceLevelTables {
    private ServiceLevelTables() {}

    public static final TableSpec<SlaEvent> SLA_EVENTS =
            TableSpec.<SlaEvent>of(Table.SLA_EVENTS)
                    .column("event_id", SlaEvent::eventId)
                    .column("tenant", SlaEvent::tenant)
                    .text("type", SlaEvent::type)
                    .text("kind", SlaEvent::kind)
                    .column("clock_id", SlaEvent::clockId)
                    .column("policy_id", SlaEvent::policyId)
                    .text("subject_type", SlaEvent::subjectType)
                    .column("subject", SlaEvent::subject)
                    .text("contact_id", SlaEvent::contactId)
                    .text("agent_id", SlaEvent::agentId)
                    .text("queue", SlaEvent::queue)
                    .text("channel", SlaEvent::channel)
                    .column("priority", SlaEvent::priority)
                    .eventTime("event", SlaEvent::eventTime)
                    .column("started_at_ms", SlaEvent::startedAt)
                    .column("threshold_ms", SlaEvent::thresholdMillis)
                    .column("elapsed_ms", SlaEvent::elapsedMillis)
                    .text("reason", SlaEvent::reason)
                    .flag("short_abandon", SlaEvent::shortAbandon)
                    .build();

    public static final TableSpec<QueueKpiRow> QUEUE_KPIS =
            TableSpec.<QueueKpiRow>of(Table.QUEUE_KPIS)
                    .column("tenant", QueueKpiRow::tenant)
                    .column("queue", QueueKpiRow::queue)
                    .column("window_kind", r -> r.windowKind().label())
                    .dateTime("window_start", QueueKpiRow::windowStart)
                    .dateTime("window_end", QueueKpiRow::windowEnd)
                    .column("window_minutes", r -> (r.windowEnd() - r.windowStart()) / 60_000)
                    .dateTime("as_of", QueueKpiRow::asOf)
                    .column("as_of_ms", QueueKpiRow::asOf)
                    .flag("closed", QueueKpiRow::closed)
                    .column("offered", r -> r.counters().offered)
                    .column("answered", r -> r.counters().answered)
                    .column("answered_within_threshold", r -> r.counters().answeredWithin)
                    .column("abandoned", r -> r.counters().abandoned)
                    .column("short_abandoned", r -> r.counters().shortAbandoned)
                    .column("abandoned_within_threshold", r -> r.counters().abandonedWithin)
                    .column("total_wait_ms", r -> r.counters().totalWaitMs)
                    .column("max_wait_ms", r -> r.counters().maxWaitMs)
                    .column("handled", r -> r.counters().handled)
                    .column("talk_ms", r -> r.counters().talkMs)
                    .column("holds", r -> r.counters().holds)
                    .column("hold_ms", r -> r.counters().holdMs)
                    .column("wrap_ups", r -> r.counters().wrapUps)
                    .column("wrap_up_ms", r -> r.counters().wrapUpMs)
                    .column("ready_ms", r -> r.counters().readyMs)
                    .column("not_ready_ms", r -> r.counters().notReadyMs)
                    .column("busy_ms", r -> r.counters().busyMs)
                    .column("agent_wrap_up_ms", r -> r.counters().agentWrapUpMs)
                    .column("waiting_ms", r -> r.counters().waitingMs)
                    .column("threshold_seconds", QueueKpiRow::thresholdSeconds)
                    .column("target_share", QueueKpiRow::targetShare)
                    .column("short_abandon_ms", QueueKpiRow::shortAbandonMillis)
                    .column("sl_answered_only", QueueKpiRow::slAnsweredOnly)
                    .column("sl_abandons_count_against", QueueKpiRow::slAbandonsCountAgainst)
                    .column("sl_left_queue", QueueKpiRow::slLeftQueue)
                    .column("service_level", QueueKpiRow::serviceLevel)
                    .column("sl_convention", QueueKpiRow::wallboardConvention)
                    .column("asa_ms", QueueKpiRow::asaMs)
                    .column("aht_ms", QueueKpiRow::ahtMs)
                    .column("occupancy", QueueKpiRow::occupancy)
                    .column("waiting_now", QueueKpiRow::waitingNow)
                    .column("longest_wait_now_ms", QueueKpiRow::longestWaitNowMs)
                    .column("agents_ready", QueueKpiRow::agentsReady)
                    .column("agents_not_ready", QueueKpiRow::agentsNotReady)
                    .column("agents_busy", QueueKpiRow::agentsBusy)
                    .column("agents_wrap_up", QueueKpiRow::agentsWrapUp)
                    .column("agents_staffed", QueueKpiRow::agentsStaffed)
                    .column("avg_waiting", QueueKpiRow::avgWaiting)
                    .column("erlang_agents_required", QueueKpiRow::erlangAgentsRequired)
                    .column("version", QueueKpiRow::version)
                    // When the row was written: processing time, unlike as_of.
                    .dateTime("updated_at", r -> System.currentTimeMillis())
                    .build();

    /** At least once, exact under FINAL: a re-delivered row has the same key and version. */
    public static final TableSpec<AgentKpiRow> AGENT_KPIS =
            TableSpec.<AgentKpiRow>of(Table.AGENT_KPIS)
                    .column("tenant", AgentKpiRow::tenant)
                    .column("agent_id", AgentKpiRow::agentId)
                    .column("window_kind", r -> r.windowKind().label())
                    .dateTime("window_start", AgentKpiRow::windowStart)
                    .dateTime("window_end", AgentKpiRow::windowEnd)
                    .dateTime("as_of", AgentKpiRow::asOf)
                    .column("as_of_ms", AgentKpiRow::asOf)
                    .flag("closed", AgentKpiRow::closed)
                    .column("answered", r -> r.counters().answered)
                    .column("handled", r -> r.counters().handled)
                    .column("talk_ms", r -> r.counters().talkMs)
                    .column("holds", r -> r.counters().holds)
                    .column("hold_ms", r -> r.counters().holdMs)
                    .column("wrap_ups", r -> r.counters().wrapUps)
                    .column("wrap_up_ms", r -> r.counters().wrapUpMs)
                    .column("offers_timed_out", r -> r.counters().offersTimedOut)
                    .column("offers_rejected", r -> r.counters().offersRejected)
                    .column("ready_ms", r -> r.counters().readyMs)
                    .column("not_ready_ms", r -> r.counters().notReadyMs)
                    .column("busy_ms", r -> r.counters().busyMs)
                    .column("agent_wrap_up_ms", r -> r.counters().agentWrapUpMs)
                    .column("occupancy", AgentKpiRow::occupancy)
                    .column("aht_ms", AgentKpiRow::ahtMs)
                    .column("state", AgentKpiRow::state)
                    .column("state_since_ms", AgentKpiRow::stateSinceMs)
                    .text("reason", AgentKpiRow::reason)
                    .column("queues", r -> r.queues().toArray(String[]::new))
                    .column("version", AgentKpiRow::version)
                    // When the row was written: processing time, unlike as_of.
                    .dateTime("updated_at", r -> System.currentTimeMillis())
                    .build();
}
