package io.ringstream.analytics.kpi;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Adds a queue's {@link KpiFact}s up into interval and sliding-window rows, in event time.
 *
 * <p>The caller applies facts in event-time order and calls {@link #advanceTo} before each fact's
 * time and whenever the watermark moves. Every minute boundary passed emits the sliding row that
 * ends there and a row of the interval so far (the interval's closing row when the boundary ends
 * it). Agent and waiting time accrue continuously between facts. A row is emitted only for a window
 * in which something happened (a contact fact, an agent logged in, or a contact waiting).
 *
 * <p>Snapshots in a row (waiting now, longest wait now, agents by state) are taken at the row's
 * as-of instant after every fact earlier than it and before any fact at that instant.
 *
 * <p>A fact older than the state's clock (a late event) still updates who waits and which agents
 * are in which state, but its counters are dropped: the rows it belongs to were emitted already.
 */
public final class QueueKpiAggregator implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long MINUTE = KpiSettings.MINUTE;

    private final KpiSettings settings;

    public QueueKpiAggregator(KpiSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public KpiSettings settings() {
        return settings;
    }

    /** A new queue state whose accounting starts at {@code time}. */
    public QueueKpiState start(String tenant, String queue, long time) {
        QueueKpiState s = new QueueKpiState();
        s.tenant = tenant;
        s.queue = queue;
        s.clock = time;
        s.intervalStart = floor(time, settings.intervalMillis());
        return s;
    }

    /**
     * Moves the state's clock to {@code time}, accruing agent and waiting time and emitting the
     * rows of every minute boundary passed (boundaries equal to {@code time} included).
     */
    public List<QueueKpiRow> advanceTo(QueueKpiState s, long time) {
        List<QueueKpiRow> rows = new ArrayList<>();
        while (true) {
            long boundary = floor(s.clock, MINUTE) + MINUTE;
            if (boundary > time) {
                break;
            }
            accrue(s, boundary);
            emitBoundary(s, boundary, rows);
        }
        accrue(s, time);
        return rows;
    }

    /**
     * Applies a fact at or after the clock (call {@link #advanceTo} with its time first).
     *
     * @return false when the fact was late and its counters were dropped
     */
    public boolean apply(QueueKpiState s, KpiFact f) {
        // Who waits and which agents are present change even for a late fact; counters do not.
        boolean counted =
                switch (f.type()) {
                    case OFFERED -> {
                        s.waiting.put(f.contactId(), f.time());
                        yield true;
                    }
                    case LEFT -> {
                        s.waiting.remove(f.contactId());
                        yield false;
                    }
                    case AGENT_STATE -> {
                        if (f.presence() == AgentPresence.OUT) {
                            s.agents.remove(f.agentId());
                        } else {
                            s.agents.put(f.agentId(), f.presence().name());
                        }
                        yield false;
                    }
                    case ANSWERED, ABANDONED, TALK, HOLD, WRAP_UP -> true;
                        // Agents' facts only; the job does not route them to queues.
                    case OFFER_TIMED_OUT, OFFER_REJECTED -> false;
                };
        if (!counted) {
            return true;
        }
        if (f.time() < s.clock) {
            return false;
        }
        count(minute(s, f.time()), f, s.queue);
        count(s.interval, f, s.queue);
        return true;
    }

    /** Nothing left to report: no agent, no waiting contact, no counters still to be emitted. */
    public boolean idle(QueueKpiState s) {
        if (!s.agents.isEmpty() || !s.waiting.isEmpty() || s.interval.active()) {
            return false;
        }
        for (KpiCounters c : s.minutes.values()) {
            if (c.active()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The interval so far as of {@code asOf}, at or after the clock and before the next minute
     * boundary, without changing the state: what a wallboard shows before the minute's row is due.
     * Agent and waiting time are accrued up to {@code asOf} on a copy of the counters.
     *
     * @return empty when {@code asOf} is outside that stretch, on a minute boundary (that minute's
     *     row says it), or when nothing happened in the interval
     */
    public Optional<QueueKpiRow> intervalSoFar(QueueKpiState s, long asOf) {
        if (asOf < s.clock || asOf >= nextBoundary(s) || asOf == floor(asOf, MINUTE)) {
            return Optional.empty();
        }
        KpiCounters c = new KpiCounters();
        c.add(s.interval);
        long dt = asOf - s.clock;
        for (String presence : s.agents.values()) {
            c.addAgentTime(AgentPresence.valueOf(presence), dt);
        }
        c.waitingMs += dt * s.waiting.size();
        if (!c.active()) {
            return Optional.empty();
        }
        return Optional.of(
                row(
                        s,
                        WindowKind.INTERVAL,
                        s.intervalStart,
                        s.intervalStart + settings.intervalMillis(),
                        asOf,
                        c));
    }

    /** The next minute boundary after the clock: when rows are due next. */
    public long nextBoundary(QueueKpiState s) {
        return floor(s.clock, MINUTE) + MINUTE;
    }

    private void count(KpiCounters c, KpiFact f, String queue) {
        long thresholdMillis = settings.targets().thresholdSeconds(queue) * 1000L;
        switch (f.type()) {
            case OFFERED -> c.offered++;
            case ANSWERED -> {
                c.answered++;
                c.totalWaitMs += f.waitMillis();
                c.maxWaitMs = Math.max(c.maxWaitMs, f.waitMillis());
                if (f.waitMillis() <= thresholdMillis) {
                    c.answeredWithin++;
                }
            }
            case ABANDONED -> {
                c.abandoned++;
                c.maxWaitMs = Math.max(c.maxWaitMs, f.waitMillis());
                if (f.waitMillis() < settings.shortAbandonMillis()) {
                    c.shortAbandoned++;
                } else if (f.waitMillis() <= thresholdMillis) {
                    c.abandonedWithin++;
                }
            }
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
            case LEFT, AGENT_STATE, OFFER_TIMED_OUT, OFFER_REJECTED -> {
                // Never counted (apply() does not pass them): they change who waits and who is
                // there, which accrues as time.
            }
        }
    }

    /** Agent and waiting time from the clock to {@code until} (within one minute). */
    private void accrue(QueueKpiState s, long until) {
        long dt = until - s.clock;
        if (dt <= 0) {
            return;
        }
        if (!s.agents.isEmpty() || !s.waiting.isEmpty()) {
            KpiCounters minute = minute(s, s.clock);
            for (String presence : s.agents.values()) {
                AgentPresence p = AgentPresence.valueOf(presence);
                minute.addAgentTime(p, dt);
                s.interval.addAgentTime(p, dt);
            }
            long waiting = dt * s.waiting.size();
            minute.waitingMs += waiting;
            s.interval.waitingMs += waiting;
        }
        s.clock = until;
    }

    private void emitBoundary(QueueKpiState s, long boundary, List<QueueKpiRow> rows) {
        long slidingStart = boundary - settings.slidingMillis();
        KpiCounters sliding = new KpiCounters();
        for (Map.Entry<Long, KpiCounters> m : s.minutes.entrySet()) {
            if (m.getKey() >= slidingStart && m.getKey() < boundary) {
                sliding.add(m.getValue());
            }
        }
        if (sliding.active()) {
            rows.add(row(s, WindowKind.SLIDING, slidingStart, boundary, boundary, sliding));
        }
        long intervalEnd = s.intervalStart + settings.intervalMillis();
        if (s.interval.active()) {
            rows.add(
                    row(
                            s,
                            WindowKind.INTERVAL,
                            s.intervalStart,
                            intervalEnd,
                            boundary,
                            s.interval));
        }
        if (boundary >= intervalEnd) {
            s.interval = new KpiCounters();
            s.intervalStart = floor(boundary, settings.intervalMillis());
        }
        // The next sliding window starts one minute later: older minutes are no longer needed.
        long oldestNeeded = boundary + MINUTE - settings.slidingMillis();
        s.minutes.keySet().removeIf(minuteStart -> minuteStart < oldestNeeded);
    }

    private QueueKpiRow row(
            QueueKpiState s, WindowKind kind, long start, long end, long asOf, KpiCounters source) {
        KpiCounters c = new KpiCounters();
        c.add(source);
        QueueTargets.Target target = settings.targets().of(s.queue);
        long elapsed = asOf - start;
        long counted = c.answered + c.abandoned - c.shortAbandoned;
        Double answeredOnly = ratio(c.answeredWithin, c.answered);
        Double abandonsAgainst = ratio(c.answeredWithin, counted);
        Double leftQueue = ratio(c.answeredWithin + c.abandonedWithin, counted);
        Double serviceLevel =
                switch (settings.wallboardConvention()) {
                    case ANSWERED_ONLY -> answeredOnly;
                    case ABANDONS_COUNT_AGAINST -> abandonsAgainst;
                    case LEFT_QUEUE -> leftQueue;
                };
        Double aht = ratio(c.talkMs + c.holdMs + c.wrapUpMs, c.handled);
        int ready = 0;
        int notReady = 0;
        int busy = 0;
        int wrapUp = 0;
        for (String presence : s.agents.values()) {
            switch (AgentPresence.valueOf(presence)) {
                case READY -> ready++;
                case NOT_READY -> notReady++;
                case BUSY -> busy++;
                case WRAP_UP -> wrapUp++;
                case OUT -> {
                    // Never stored.
                }
            }
        }
        long longestWait = 0;
        for (long since : s.waiting.values()) {
            longestWait = Math.max(longestWait, asOf - since);
        }
        return new QueueKpiRow(
                s.tenant,
                s.queue,
                kind,
                start,
                end,
                asOf,
                asOf >= end,
                c,
                target.thresholdSeconds(),
                target.share(),
                settings.shortAbandonMillis(),
                settings.wallboardConvention().label(),
                answeredOnly,
                abandonsAgainst,
                leftQueue,
                serviceLevel,
                ratio(c.totalWaitMs, c.answered),
                aht,
                ratio(c.busyMs + c.agentWrapUpMs, c.busyMs + c.agentWrapUpMs + c.readyMs),
                s.waiting.size(),
                longestWait,
                ready,
                notReady,
                busy,
                wrapUp,
                elapsed <= 0 ? 0 : (double) c.loggedInMs() / elapsed,
                elapsed <= 0 ? 0 : (double) c.waitingMs / elapsed,
                Staffing.agentsRequired(c.offered, elapsed, aht, target));
    }

    private KpiCounters minute(QueueKpiState s, long time) {
        return s.minutes.computeIfAbsent(floor(time, MINUTE), k -> new KpiCounters());
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    static long floor(long time, long unit) {
        return Math.floorDiv(time, unit) * unit;
    }
}
