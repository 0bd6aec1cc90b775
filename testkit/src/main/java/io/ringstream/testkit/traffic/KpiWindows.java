package io.ringstream.testkit.traffic;

import io.ringstream.queueing.ErlangC;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One day's queue figures, built from the facts the generator emits and written as {@code
 * queue_kpis} rows the way the KPI job writes them (docs/kpis.md): counters per window, the derived
 * service levels, ASA, AHT, occupancy and Erlang C beside them, and the "now" figures at each row's
 * as_of. Facts go into one-minute buckets, so a 15-minute interval row sums 15 of them and a
 * 5-minute sliding row 5; state at an as_of is sampled at each minute boundary. Lives for one day
 * of one tenant.
 */
final class KpiWindows {
    static final long THRESHOLD_MS = 20_000;
    static final long SHORT_ABANDON_MS = 5_000;
    static final double TARGET_SHARE = 0.8;
    private static final long MINUTE = 60_000;
    private static final String[] STATES = {"READY", "NOT_READY", "BUSY", "WRAP_UP"};

    private final String tenant;
    private final long dayStart;
    private final long cutoff;
    private final int minutes;
    private final Map<String, Buckets> queues = new HashMap<>();

    KpiWindows(String tenant, List<String> queueNames, long dayStart, long cutoff) {
        this.tenant = tenant;
        this.dayStart = dayStart;
        this.cutoff = cutoff;
        this.minutes = (int) ((cutoff - dayStart + MINUTE - 1) / MINUTE);
        queueNames.forEach(q -> queues.put(q, new Buckets(minutes + 1)));
    }

    /** A contact event's fact (docs/kpis.md "Per-contact facts"); others count nothing. */
    void contactFact(String type, String queue, long t, Long waitMs, Long durationMs) {
        Buckets b = queues.get(queue);
        int m = minute(t);
        switch (type) {
            case "QUEUED" -> b.offered[m]++;
            case "ANSWERED" -> {
                b.answered[m]++;
                b.answeredWithin[m] += waitMs <= THRESHOLD_MS ? 1 : 0;
                b.totalWait[m] += waitMs;
                b.maxWait[m] = Math.max(b.maxWait[m], waitMs);
            }
            case "ABANDONED" -> {
                b.abandoned[m]++;
                b.shortAbandoned[m] += waitMs < SHORT_ABANDON_MS ? 1 : 0;
                b.abandonedWithin[m] +=
                        waitMs >= SHORT_ABANDON_MS && waitMs <= THRESHOLD_MS ? 1 : 0;
                b.maxWait[m] = Math.max(b.maxWait[m], waitMs);
            }
            case "TALK_ENDED" -> {
                b.handled[m]++;
                b.talk[m] += durationMs;
            }
            case "HOLD" -> {
                b.holds[m]++;
                b.holdMs[m] += durationMs;
            }
            case "WRAPUP_ENDED" -> {
                b.wraps[m]++;
                b.wrapMs[m] += durationMs;
            }
            default -> {}
        }
    }

    /**
     * A contact waited in {@code queue} from {@code from} to {@code to} (Long.MAX_VALUE: still).
     */
    void waited(String queue, long from, long to) {
        Buckets b = queues.get(queue);
        spread(b.waitingMs, from, to);
        for (long at = firstBoundaryAtOrAfter(from); at < to && at < cutoff; at += MINUTE) {
            int i = minute(at);
            b.waitingAt[i]++;
            b.longestAt[i] = Math.max(b.longestAt[i], at - from);
        }
        if (to > cutoff && from <= cutoff) {
            b.waitingAt[minutes]++;
            b.longestAt[minutes] = Math.max(b.longestAt[minutes], cutoff - from);
        }
    }

    /** An agent's presence in a member queue from {@code from} to {@code to} (MAX_VALUE: still). */
    void presence(String queue, String state, long from, long to) {
        Buckets b = queues.get(queue);
        int s = stateIndex(state);
        spread(b.presenceMs[s], from, to);
        for (long at = firstBoundaryAtOrAfter(from); at < to && at < cutoff; at += MINUTE) {
            b.agentsAt[s][minute(at)]++;
        }
        if (to > cutoff && from <= cutoff) {
            b.agentsAt[s][minutes]++;
        }
    }

    /** Every interval (15 min) and sliding (5 min, every minute) row of the day, as of its end. */
    void emit(TrafficSink sink) {
        for (Map.Entry<String, Buckets> q : queues.entrySet()) {
            for (int start = 0; start < minutes; start += 15) {
                emitRow(sink, q.getKey(), q.getValue(), "interval", start, 15);
            }
            for (int start = 0; start + 5 <= minutes; start++) {
                emitRow(sink, q.getKey(), q.getValue(), "sliding", start, 5);
            }
        }
    }

    private void emitRow(
            TrafficSink sink, String queue, Buckets b, String kind, int start, int length) {
        int end = Math.min(start + length, minutes);
        long windowStart = dayStart + start * MINUTE;
        long windowEnd = windowStart + length * MINUTE;
        long asOf = Math.min(windowEnd, cutoff);
        long soFar = asOf - windowStart;
        long offered = sum(b.offered, start, end);
        long answered = sum(b.answered, start, end);
        long within = sum(b.answeredWithin, start, end);
        long abandoned = sum(b.abandoned, start, end);
        long shortAbandoned = sum(b.shortAbandoned, start, end);
        long abandonedWithin = sum(b.abandonedWithin, start, end);
        long totalWait = sum(b.totalWait, start, end);
        long maxWait = 0;
        for (int i = start; i < end; i++) {
            maxWait = Math.max(maxWait, b.maxWait[i]);
        }
        long handled = sum(b.handled, start, end);
        long talk = sum(b.talk, start, end);
        long holdMs = sum(b.holdMs, start, end);
        long wrapMs = sum(b.wrapMs, start, end);
        long ready = sum(b.presenceMs[0], start, end);
        long notReady = sum(b.presenceMs[1], start, end);
        long busy = sum(b.presenceMs[2], start, end);
        long agentWrap = sum(b.presenceMs[3], start, end);
        long waitingMs = sum(b.waitingMs, start, end);
        long counted = answered + abandoned - shortAbandoned;
        Double slAnswered = answered == 0 ? null : (double) within / answered;
        Double slAgainst = counted == 0 ? null : (double) within / counted;
        Double slLeft = counted == 0 ? null : (double) (within + abandonedWithin) / counted;
        Double aht = handled == 0 ? null : (double) (talk + holdMs + wrapMs) / handled;
        long working = busy + agentWrap;
        Double occupancy = working + ready == 0 ? null : (double) working / (working + ready);
        Integer erlang;
        if (offered == 0) {
            erlang = 0;
        } else if (aht == null) {
            erlang = null;
        } else {
            double load = ErlangC.load(offered, soFar / 1000.0, aht / 1000);
            erlang = ErlangC.requiredAgents(load, aht / 1000, TARGET_SHARE, THRESHOLD_MS / 1000.0);
        }
        int at = (int) ((asOf - dayStart) / MINUTE);
        if (asOf == cutoff) {
            at = minutes;
        }
        Instant asOfInstant = Instant.ofEpochMilli(asOf);
        sink.row(
                TrafficTable.QUEUE_KPIS,
                new Object[] {
                    tenant,
                    queue,
                    kind,
                    Instant.ofEpochMilli(windowStart),
                    Instant.ofEpochMilli(windowEnd),
                    length,
                    asOfInstant,
                    asOf,
                    asOf == windowEnd ? 1 : 0,
                    offered,
                    answered,
                    within,
                    abandoned,
                    shortAbandoned,
                    abandonedWithin,
                    totalWait,
                    maxWait,
                    handled,
                    talk,
                    sum(b.holds, start, end),
                    holdMs,
                    sum(b.wraps, start, end),
                    wrapMs,
                    ready,
                    notReady,
                    busy,
                    agentWrap,
                    waitingMs,
                    THRESHOLD_MS / 1000,
                    TARGET_SHARE,
                    SHORT_ABANDON_MS,
                    slAnswered,
                    slAgainst,
                    slLeft,
                    slAnswered,
                    "answered-only",
                    answered == 0 ? null : (double) totalWait / answered,
                    aht,
                    occupancy,
                    b.waitingAt[at],
                    b.longestAt[at],
                    b.agentsAt[0][at],
                    b.agentsAt[1][at],
                    b.agentsAt[2][at],
                    b.agentsAt[3][at],
                    (double) (ready + notReady + busy + agentWrap) / soFar,
                    (double) waitingMs / soFar,
                    erlang,
                    asOf,
                    asOfInstant
                });
    }

    private int minute(long t) {
        return (int) Math.min(minutes, (t - dayStart) / MINUTE);
    }

    private long firstBoundaryAtOrAfter(long t) {
        long offset = t - dayStart;
        return dayStart + ((offset + MINUTE - 1) / MINUTE) * MINUTE;
    }

    /** Adds the milliseconds of [from, to) to the minute buckets they fall in. */
    private void spread(long[] buckets, long from, long to) {
        long end = Math.min(to, cutoff);
        long t = from;
        while (t < end) {
            int m = minute(t);
            long bucketEnd = Math.min(end, dayStart + (m + 1) * MINUTE);
            buckets[m] += bucketEnd - t;
            t = bucketEnd;
        }
    }

    private static long sum(long[] values, int from, int to) {
        long s = 0;
        for (int i = from; i < to; i++) {
            s += values[i];
        }
        return s;
    }

    private static int stateIndex(String state) {
        for (int i = 0; i < STATES.length; i++) {
            if (STATES[i].equals(state)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a presence: " + state);
    }

    /** Per-minute counters of one queue; index {@code minutes} is the cutoff instant. */
    private static final class Buckets {
        final long[] offered, answered, answeredWithin, abandoned, shortAbandoned, abandonedWithin;
        final long[] totalWait, maxWait, handled, talk, holds, holdMs, wraps, wrapMs, waitingMs;
        final long[][] presenceMs = new long[4][];
        final long[] waitingAt, longestAt;
        final long[][] agentsAt = new long[4][];

        Buckets(int n) {
            offered = new long[n];
            answered = new long[n];
            answeredWithin = new long[n];
            abandoned = new long[n];
            shortAbandoned = new long[n];
            abandonedWithin = new long[n];
            totalWait = new long[n];
            maxWait = new long[n];
            handled = new long[n];
            talk = new long[n];
            holds = new long[n];
            holdMs = new long[n];
            wraps = new long[n];
            wrapMs = new long[n];
            waitingMs = new long[n];
            waitingAt = new long[n];
            longestAt = new long[n];
            for (int s = 0; s < 4; s++) {
                presenceMs[s] = new long[n];
                agentsAt[s] = new long[n];
            }
        }
    }
}
