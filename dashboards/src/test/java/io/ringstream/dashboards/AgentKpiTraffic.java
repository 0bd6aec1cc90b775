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
 * <p>Passes every row on. A generated day (24 hours from the spec's start, which need not be a UTC
 * midnight) is held from its first row to {@link #dayDone()}; then each agent's state, kept across
 * days as the job keeps it, advances to the day's end (the cut-off on the last day). A window's row
 * is written once: when it closes, or on the last day as the job's latest row (its refresh at the
 * cut-off included). State lifetime: agent states and their open rows for the whole generation (a
 * few per agent); contact events and pending inputs for one day.
 */
final class AgentKpiTraffic implements TrafficSink {
    private final TrafficSink next;
    private final long start;
    private final long cutoff;
    private final AgentKpiAggregator aggregator = new AgentKpiAggregator(KpiSettings.defaults());
    private final Map<String, List<ContactEvent>> contacts = new LinkedHashMap<>();
    private final Map<String, List<AgentKpiInput>> pending = new LinkedHashMap<>();
    private final Map<String, AgentKpiWindowsState> agents = new HashMap<>();
    private final Map<String, Map<String, AgentKpiRow>> openRows = new HashMap<>();
    private int day;

    AgentKpiTraffic(TrafficSink next, TrafficSpec spec) {
        this.next = next;
        this.start = spec.start().toEpochMilli();
        this.cutoff = spec.cutoff().toEpochMilli();
    }

    @Override
    public void row(TrafficTable table, Object[] values) {
        next.row(table, values);
        if (table == TrafficTable.CONTACT_EVENTS) {
            ContactEvent e = contactEvent(values);
            contacts.computeIfAbsent(e.tenant() + '\u001f' + e.contactId(), k -> new ArrayList<>())
                    .add(e);
        } else if (table == TrafficTable.AGENT_EVENTS) {
            AgentKpiInput in = AgentKpiInput.of(agentEvent(values));
            pending.computeIfAbsent(in.key(), k -> new ArrayList<>()).add(in);
        }
    }

    @Override
    public void dayDone() {
        day++;
        long until = Math.min(cutoff, start + day * AgentKpiAggregator.DAY);
        emit(until, until >= cutoff);
        contacts.clear();
        next.dayDone();
    }

    private void emit(long until, boolean last) {
        ContactKpiTracker tracker = new ContactKpiTracker();
        for (List<ContactEvent> events : contacts.values()) {
            events.sort(ContactKpiTracker.ORDER);
            ContactKpiState state = new ContactKpiState();
            for (ContactEvent e : events) {
                for (KpiFact f : tracker.apply(state, e)) {
                    if (f.forAgents()) {
                        AgentKpiInput in = AgentKpiInput.of(f);
                        pending.computeIfAbsent(in.key(), k -> new ArrayList<>()).add(in);
                    }
                }
            }
        }
        for (Map.Entry<String, List<AgentKpiInput>> e : pending.entrySet()) {
            List<AgentKpiInput> inputs = e.getValue();
            inputs.sort(AgentKpiInput.ORDER);
            List<AgentKpiInput> later = new ArrayList<>();
            for (AgentKpiInput in : inputs) {
                if (in.time() >= until) {
                    later.add(in);
                    continue;
                }
                AgentKpiWindowsState state =
                        agents.computeIfAbsent(
                                e.getKey(),
                                k -> aggregator.start(in.tenant(), in.agentId(), in.time()));
                keep(e.getKey(), aggregator.advanceTo(state, in.time()));
                aggregator.apply(state, in);
            }
            inputs.clear();
            inputs.addAll(later);
        }
        pending.values().removeIf(List::isEmpty);
        for (Map.Entry<String, AgentKpiWindowsState> e : agents.entrySet()) {
            keep(e.getKey(), aggregator.advanceTo(e.getValue(), until));
            if (last) {
                keep(e.getKey(), aggregator.soFar(e.getValue(), until));
            }
        }
        for (Map<String, AgentKpiRow> rows : openRows.values()) {
            rows.values()
                    .removeIf(
                            r -> {
                                boolean write = r.closed() || last;
                                if (write) {
                                    next.row(TrafficTable.AGENT_KPIS, values(r));
                                }
                                return write;
                            });
        }
        agents.values().removeIf(aggregator::idle);
    }

    /** The latest row of each window of one agent, until it is written. */
    private void keep(String agent, List<AgentKpiRow> rows) {
        Map<String, AgentKpiRow> open = openRows.computeIfAbsent(agent, k -> new HashMap<>());
        for (AgentKpiRow r : rows) {
            open.put(r.windowKind().label() + '@' + r.windowStart(), r);
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
