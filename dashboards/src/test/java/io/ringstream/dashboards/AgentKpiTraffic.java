package io.ringstream.dashboards;

import io.ringstream.analytics.kpi.AgentKpiAggregator;
import io.ringstream.analytics.kpi.AgentKpiInput;
import io.ringstream.analytics.kpi.AgentKpiRow;
import io.ringstream.analytics.kpi.AgentKpiWindowsState;
import io.ringstream.analytics.kpi.ContactKpiState;
import io.ringstream.analytics.kpi.ContactKpiTracker;
import io.ringstream.analytics.kpi.KpiFact;
import io.ringstream.analytics.kpi.KpiSettings;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.testkit.traffic.TrafficSink;
import io.ringstream.testkit.traffic.TrafficSpec;
import io.ringstream.testkit.traffic.TrafficTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds {@code agent_kpis} rows to generated traffic, computed by the SLA job's own rules ({@link
 * ContactKpiTracker}, {@link AgentKpiAggregator}) from the generated contact and agent events, so
 * the dashboards' tests and the latency bench read the table the job would have written (one
 * definition; testkit cannot run the rules itself, contact-analytics' tests depend on it).
 *
 * <p>Passes every row on. Holds one generated day's contact and agent events, from its first row to
 * {@link #dayDone()}, then writes per agent and window the latest row the job would have written
 * with the watermark at {@code min(cut-off, end of the day)} (its refresh row at the cut-off
 * included). Each generated day starts its agents afresh: the generator's shifts end before
 * midnight.
 */
final class AgentKpiTraffic implements TrafficSink {
    private final TrafficSink next;
    private final long cutoff;
    private final AgentKpiAggregator aggregator = new AgentKpiAggregator(KpiSettings.defaults());
    private final Map<String, List<ContactEvent>> contacts = new LinkedHashMap<>();
    private final Map<String, List<AgentKpiInput>> agents = new LinkedHashMap<>();
    private long lastTime = Long.MIN_VALUE;

    AgentKpiTraffic(TrafficSink next, TrafficSpec spec) {
        this.next = next;
        this.cutoff = spec.cutoff().toEpochMilli();
    }

    @Override
    public void row(TrafficTable table, Object[] values) {
        next.row(table, values);
        if (table == TrafficTable.CONTACT_EVENTS) {
            ContactEvent e = contactEvent(values);
            contacts.computeIfAbsent(e.tenant() + '\u001f' + e.contactId(), k -> new ArrayList<>())
                    .add(e);
            lastTime = Math.max(lastTime, e.eventTime());
        } else if (table == TrafficTable.AGENT_EVENTS) {
            AgentKpiInput in = AgentKpiInput.of(agentEvent(values));
            agents.computeIfAbsent(in.key(), k -> new ArrayList<>()).add(in);
            lastTime = Math.max(lastTime, in.time());
        }
    }

    @Override
    public void dayDone() {
        if (lastTime != Long.MIN_VALUE) {
            long until =
                    Math.min(
                            cutoff,
                            Math.floorDiv(lastTime, AgentKpiAggregator.DAY) * AgentKpiAggregator.DAY
                                    + AgentKpiAggregator.DAY);
            emit(until);
        }
        contacts.clear();
        agents.clear();
        lastTime = Long.MIN_VALUE;
        next.dayDone();
    }

    private void emit(long until) {
        ContactKpiTracker tracker = new ContactKpiTracker();
        for (List<ContactEvent> events : contacts.values()) {
            events.sort(ContactKpiTracker.ORDER);
            ContactKpiState state = new ContactKpiState();
            for (ContactEvent e : events) {
                for (KpiFact f : tracker.apply(state, e)) {
                    if (f.forAgents()) {
                        AgentKpiInput in = AgentKpiInput.of(f);
                        agents.computeIfAbsent(in.key(), k -> new ArrayList<>()).add(in);
                    }
                }
            }
        }
        for (List<AgentKpiInput> inputs : agents.values()) {
            inputs.sort(AgentKpiInput.ORDER);
            Map<String, AgentKpiRow> latest = new HashMap<>();
            AgentKpiWindowsState state = null;
            for (AgentKpiInput in : inputs) {
                if (in.time() >= until) {
                    break;
                }
                if (state == null) {
                    state = aggregator.start(in.tenant(), in.agentId(), in.time());
                }
                keep(latest, aggregator.advanceTo(state, in.time()));
                aggregator.apply(state, in);
            }
            if (state == null) {
                continue;
            }
            keep(latest, aggregator.advanceTo(state, until));
            keep(latest, aggregator.soFar(state, until));
            latest.values().forEach(r -> next.row(TrafficTable.AGENT_KPIS, values(r)));
        }
    }

    private static void keep(Map<String, AgentKpiRow> latest, List<AgentKpiRow> rows) {
        for (AgentKpiRow r : rows) {
            latest.put(r.windowKind().label() + '@' + r.windowStart(), r);
        }
    }

    private static Object[] values(AgentKpiRow r) {
        return new Object[] {
            r.tenant(),
            r.agentId(),
            r.windowKind().label(),
            Instant.ofEpochMilli(r.windowStart()),
            Instant.ofEpochMilli(r.windowEnd()),
            Instant.ofEpochMilli(r.asOf()),
            r.asOf(),
            r.closed() ? 1 : 0,
            r.counters().answered,
            r.counters().handled,
            r.counters().talkMs,
            r.counters().holds,
            r.counters().holdMs,
            r.counters().wrapUps,
            r.counters().wrapUpMs,
            r.counters().offersTimedOut,
            r.counters().offersRejected,
            r.counters().readyMs,
            r.counters().notReadyMs,
            r.counters().busyMs,
            r.counters().agentWrapUpMs,
            r.occupancy(),
            r.ahtMs(),
            r.state(),
            r.stateSinceMs(),
            r.reason(),
            r.queues(),
            r.version(),
            Instant.ofEpochMilli(r.asOf())
        };
    }

    private static String text(Object[] row, TrafficTable table, String column) {
        Object v = row[table.index(column)];
        return v == null || "".equals(v) ? null : v.toString();
    }

    private static Long number(Object[] row, TrafficTable table, String column) {
        Object v = row[table.index(column)];
        return v == null ? null : ((Number) v).longValue();
    }

    private static ContactEvent contactEvent(Object[] row) {
        TrafficTable t = TrafficTable.CONTACT_EVENTS;
        return ContactEvent.builder(
                        ContactEventType.valueOf(text(row, t, "type")), text(row, t, "contact_id"))
                .eventId(text(row, t, "event_id"))
                .tenant(text(row, t, "tenant"))
                .eventTime(number(row, t, "event_time_ms"))
                .source(text(row, t, "source"))
                .queue(text(row, t, "queue"))
                .agentId(text(row, t, "agent_id"))
                .waitMillis(number(row, t, "wait_ms"))
                .durationMillis(number(row, t, "duration_ms"))
                .build();
    }

    private static AgentEvent agentEvent(Object[] row) {
        TrafficTable t = TrafficTable.AGENT_EVENTS;
        return new AgentEvent(
                1,
                text(row, t, "event_id"),
                AgentEventType.valueOf(text(row, t, "type")),
                text(row, t, "tenant"),
                text(row, t, "agent_id"),
                number(row, t, "event_time_ms"),
                text(row, t, "source"),
                text(row, t, "queue"),
                text(row, t, "reason"),
                Map.of(),
                Map.of());
    }
}
