package io.ringstream.analytics.kpi;

import io.ringstream.events.AgentEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Folds one agent's events and contact facts, in event-time order, into {@code agent_kpis} rows per
 * interval and per UTC day, so per-agent panels and the wallboard read a few rows instead of the
 * raw events (issue 13). The rules (docs/kpis.md, "Agent KPIs"):
 *
 * <ul>
 *   <li>Presence: LOGGED_IN (with a queue or without) makes the agent present, in state READY;
 *       LOGGED_OUT without a queue ends presence, LOGGED_OUT with a queue leaves that queue and
 *       ends presence when the agent is then logged into no queue. READY, NOT_READY, BUSY and
 *       WRAP_UP set the state; SKILLS_CHANGED changes nothing. The agent's own state, not per
 *       queue.
 *   <li>State time accrues while present, in the window where it is spent.
 *   <li>Contact facts ({@link KpiFact#forAgents()}) count in the window of the event that reports
 *       them, as in {@code queue_kpis}.
 * </ul>
 *
 * <p>The caller applies inputs in {@link AgentKpiInput#ORDER} and calls {@link #advanceTo} before
 * each input's time and whenever the watermark moves. At every minute boundary a window whose
 * figures changed since its last row gets a row; a window that ends gets its closing row. A window
 * has rows only when something happened in it (a fact, or time present). As in {@code queue_kpis} a
 * late input (before the clock) still changes the state, but its counters are dropped.
 */
public final class AgentKpiAggregator implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long MINUTE = KpiSettings.MINUTE;
    public static final long DAY = 86_400_000L;
    public static final String LOGGED_OUT = "LOGGED_OUT";

    private final long intervalMillis;

    public AgentKpiAggregator(KpiSettings settings) {
        this.intervalMillis = Objects.requireNonNull(settings, "settings").intervalMillis();
    }

    /** A new agent state whose accounting starts at {@code time}. */
    public AgentKpiWindowsState start(String tenant, String agentId, long time) {
        AgentKpiWindowsState s = new AgentKpiWindowsState();
        s.tenant = tenant;
        s.agentId = agentId;
        s.clock = time;
        s.intervalStart = floor(time, intervalMillis);
        s.dayStart = floor(time, DAY);
        return s;
    }

    /**
     * Moves the clock to {@code time}, accruing state time and emitting the rows of every boundary
     * passed (boundaries equal to {@code time} included).
     */
    public List<AgentKpiRow> advanceTo(AgentKpiWindowsState s, long time) {
        List<AgentKpiRow> rows = new ArrayList<>();
        while (true) {
            long boundary = nextBoundary(s);
            if (boundary > time) {
                break;
            }
            accrue(s, boundary);
            emitBoundary(s, boundary, rows);
        }
        accrue(s, time);
        realign(s);
        return rows;
    }

    /**
     * Applies an input at or after the clock (call {@link #advanceTo} with its time first).
     *
     * @return false when it was a late fact whose counters were dropped
     */
    public boolean apply(AgentKpiWindowsState s, AgentKpiInput in) {
        if (in.event() != null) {
            applyEvent(s, in.event());
            return true;
        }
        KpiFact f = in.fact();
        if (!f.forAgents()) {
            return true;
        }
        if (f.time() < s.clock) {
            return false;
        }
        count(s.interval, f);
        count(s.day, f);
        if (f.queue() != null) {
            name(s.intervalQueues, f.queue());
            name(s.dayQueues, f.queue());
        }
        s.intervalDirty = true;
        s.dayDirty = true;
        return true;
    }

    /** Not present and nothing left to report: the state may be dropped. */
    public boolean idle(AgentKpiWindowsState s) {
        return !s.present && !s.interval.active() && !s.day.active();
    }

    /**
     * The next boundary a row may be due at: the next minute while the agent is present or a window
     * changed; otherwise the end of the interval (its closing row) or of the day.
     */
    public long nextBoundary(AgentKpiWindowsState s) {
        if (s.present || s.intervalDirty || s.dayDirty) {
            return floor(s.clock, MINUTE) + MINUTE;
        }
        if (s.interval.active()) {
            return s.intervalStart + intervalMillis;
        }
        return s.dayStart + DAY;
    }

    /**
     * The interval and the day so far as of {@code asOf}, at or after the clock and before the next
     * minute boundary, without changing the state: what a wallboard shows before the minute's row
     * is due. Empty when nothing changed since the last rows, on a minute boundary, or outside that
     * stretch.
     */
    public List<AgentKpiRow> soFar(AgentKpiWindowsState s, long asOf) {
        if (asOf < s.clock
                || asOf >= floor(s.clock, MINUTE) + MINUTE
                || asOf == floor(asOf, MINUTE)
                || !(s.present || s.intervalDirty || s.dayDirty)) {
            return List.of();
        }
        List<AgentKpiRow> rows = new ArrayList<>(2);
        long dt = asOf - s.clock;
        AgentKpiCounters interval = s.interval.copy();
        AgentKpiCounters day = s.day.copy();
        if (s.present) {
            interval.addTime(current(s), dt);
            day.addTime(current(s), dt);
        }
        if (interval.active()) {
            rows.add(
                    row(
                            s,
                            AgentWindowKind.INTERVAL,
                            s.intervalStart,
                            intervalMillis,
                            asOf,
                            interval,
                            s.intervalQueues));
        }
        if (day.active()) {
            rows.add(row(s, AgentWindowKind.DAY, s.dayStart, DAY, asOf, day, s.dayQueues));
        }
        return rows;
    }

    private void applyEvent(AgentKpiWindowsState s, AgentEvent e) {
        String shownBefore = shown(s);
        switch (e.type()) {
            case SKILLS_CHANGED -> {
                return;
            }
            case LOGGED_IN -> {
                s.present = true;
                s.state = AgentPresence.READY.name();
                if (e.queue() != null) {
                    name(s.members, e.queue());
                }
            }
            case READY -> s.state = AgentPresence.READY.name();
            case NOT_READY -> s.state = AgentPresence.NOT_READY.name();
            case BUSY -> s.state = AgentPresence.BUSY.name();
            case WRAP_UP -> s.state = AgentPresence.WRAP_UP.name();
            case LOGGED_OUT -> {
                if (e.queue() == null) {
                    s.members.clear();
                    s.present = false;
                } else {
                    s.members.remove(e.queue());
                    s.present = s.present && !s.members.isEmpty();
                }
            }
        }
        s.reason = e.reason() == null ? "" : e.reason();
        if (e.queue() != null) {
            name(s.intervalQueues, e.queue());
            name(s.dayQueues, e.queue());
        }
        if (!shown(s).equals(shownBefore) || s.stateSince == 0) {
            s.stateSince = e.eventTime();
        }
        s.intervalDirty = true;
        s.dayDirty = true;
    }

    /** The state a row shows: the agent's state while present, LOGGED_OUT otherwise. */
    static String shown(AgentKpiWindowsState s) {
        return s.present ? current(s).name() : LOGGED_OUT;
    }

    private static AgentPresence current(AgentKpiWindowsState s) {
        return s.state == null ? AgentPresence.READY : AgentPresence.valueOf(s.state);
    }

    private static void count(AgentKpiCounters c, KpiFact f) {
        switch (f.type()) {
            case ANSWERED -> c.answered++;
            case TALK -> {
                c.handled++;
                c.talkMs += f.durationMillis();
            }
            case HOLD -> {
                c.holds++;
                c.holdMs += f.durationMillis();
            }
            case WRAP_UP -> {
                c.wrapUps++;
                c.wrapUpMs += f.durationMillis();
            }
            case OFFER_TIMED_OUT -> c.offersTimedOut++;
            case OFFER_REJECTED -> c.offersRejected++;
            case OFFERED, ABANDONED, LEFT, AGENT_STATE -> {
                // Not agents' facts (forAgents() keeps them out).
            }
        }
    }

    /** State time from the clock to {@code until}: never across a boundary while present. */
    private static void accrue(AgentKpiWindowsState s, long until) {
        long dt = until - s.clock;
        if (dt <= 0) {
            return;
        }
        if (s.present) {
            s.interval.addTime(current(s), dt);
            s.day.addTime(current(s), dt);
            s.intervalDirty = true;
            s.dayDirty = true;
        }
        s.clock = until;
    }

    /** Windows with nothing in them follow the clock (a silent stretch passes no boundary). */
    private void realign(AgentKpiWindowsState s) {
        if (!s.interval.active() && floor(s.clock, intervalMillis) != s.intervalStart) {
            s.intervalStart = floor(s.clock, intervalMillis);
            s.intervalQueues.clear();
        }
        if (!s.day.active() && floor(s.clock, DAY) != s.dayStart) {
            s.dayStart = floor(s.clock, DAY);
            s.dayQueues.clear();
        }
    }

    private void emitBoundary(AgentKpiWindowsState s, long boundary, List<AgentKpiRow> rows) {
        long intervalEnd = s.intervalStart + intervalMillis;
        if (s.interval.active() && (s.intervalDirty || boundary == intervalEnd)) {
            rows.add(
                    row(
                            s,
                            AgentWindowKind.INTERVAL,
                            s.intervalStart,
                            intervalMillis,
                            boundary,
                            s.interval,
                            s.intervalQueues));
        }
        s.intervalDirty = false;
        if (boundary >= intervalEnd) {
            s.interval = new AgentKpiCounters();
            s.intervalQueues.clear();
            s.intervalStart = floor(boundary, intervalMillis);
        }
        long dayEnd = s.dayStart + DAY;
        if (s.day.active() && (s.dayDirty || boundary == dayEnd)) {
            rows.add(row(s, AgentWindowKind.DAY, s.dayStart, DAY, boundary, s.day, s.dayQueues));
        }
        s.dayDirty = false;
        if (boundary >= dayEnd) {
            s.day = new AgentKpiCounters();
            s.dayQueues.clear();
            s.dayStart = floor(boundary, DAY);
        }
    }

    private static AgentKpiRow row(
            AgentKpiWindowsState s,
            AgentWindowKind kind,
            long start,
            long length,
            long asOf,
            AgentKpiCounters source,
            List<String> named) {
        AgentKpiCounters c = source.copy();
        TreeSet<String> queues = new TreeSet<>(s.members);
        queues.addAll(named);
        long working = c.busyMs + c.agentWrapUpMs;
        return new AgentKpiRow(
                s.tenant,
                s.agentId,
                kind,
                start,
                start + length,
                asOf,
                asOf >= start + length,
                c,
                ratio(working, working + c.readyMs),
                ratio(c.talkMs + c.holdMs + c.wrapUpMs, c.handled),
                shown(s),
                s.stateSince,
                s.reason,
                new ArrayList<>(queues));
    }

    /** Adds {@code queue} to a sorted list of distinct queues. */
    private static void name(List<String> queues, String queue) {
        int at = Collections.binarySearch(queues, queue);
        if (at < 0) {
            queues.add(-at - 1, queue);
        }
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    static long floor(long time, long unit) {
        return Math.floorDiv(time, unit) * unit;
    }
}
