package io.ringstream.analytics.funnel;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.Attribution;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.RingstreamEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One customer's progress through one funnel, fed the customer's events in event-time order: the
 * rule the funnel job's keyed operator drives, kept free of Flink so tests and the reference can
 * check it. It follows ClickHouse 18.16's {@code windowFunnel} (see docs/funnels.md):
 *
 * <ul>
 *   <li>For each level k it keeps the attempt with the latest start that reached step k (a later
 *       start leaves more of the window, so it dominates); a step-1 event starts an attempt, a
 *       step-(k+1) event extends the level-k attempt when its time is at most {@code start +
 *       window} (inclusive, like windowFunnel's {@code timestamp <= start + window}).
 *   <li>One event advances an attempt by at most one step, even when it matches several steps; it
 *       may extend one attempt and start another (windowFunnel adds such a row's conditions highest
 *       first).
 *   <li>STRICT: an event matching a step of this funnel that is neither the attempt's next step nor
 *       a repeat of its last step ends the attempt. windowFunnel on 18.16 has no such mode; {@link
 *       ReferenceFunnel} is its oracle.
 *   <li>Equal event times are taken in the order given.
 * </ul>
 *
 * <p>Events must come in non-decreasing event time ({@link #apply} refuses an older one): {@link
 * CustomerFunnels} orders each customer's events by (time, event id) and, when one comes out of
 * order, rebuilds from a {@link #snapshot()} of the tracker as it was before.
 */
public final class FunnelTracker {

    /** Most handled contacts kept for attribution; beyond it the oldest is forgotten. */
    static final int MAX_TOUCHES = 64;

    private static final long NONE = Long.MIN_VALUE;

    private final FunnelDefinition funnel;
    private final String customerId;
    private final int stepCount;
    private final long window;

    // attempts[k]: the latest-start attempt that has reached k+1 steps and may still go on. Set
    // when
    // an attempt reaches that level; dropped when its window has passed (an event later than
    // start + window), when STRICT breaks it, or when it completes the funnel (nothing follows).
    private final Attempt[] attempts;
    // Handled contacts (ANSWERED with an agent), oldest first, for attribution. Each lives while an
    // attempt could still credit it: until one window after it, or one window before the oldest
    // live attempt's start, whichever is later.
    private final Deque<Touch> touches = new ArrayDeque<>();
    // The campaign of the latest LEAD_CREATED; lives as long as the tracker (until clear).
    private String campaign;
    // The episode: from its first step-1 event until no attempt is live. bestLevel is the furthest
    // step reached in it (what has been emitted); both reset when the episode ends.
    private long episodeStart = NONE;
    private int bestLevel;
    // The row last emitted for the running episode (what funnel_progress holds for it), so the job
    // can restore it when a rebuild no longer reaches further; reset with the episode.
    private FunnelProgress lastProgress;
    private long lastTime = NONE;

    public FunnelTracker(FunnelDefinition funnel, String customerId) {
        List<String> problems = funnel.violations();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "invalid funnel " + funnel.funnelId() + ": " + problems);
        }
        this.funnel = funnel;
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.stepCount = funnel.steps().size();
        this.window = funnel.windowMillis();
        this.attempts = new Attempt[stepCount];
    }

    /**
     * Takes the customer's next event and returns the progress rows to emit: one each time the
     * episode's furthest step grows (usually none or one).
     *
     * @throws IllegalArgumentException for another customer's event or an event type no step can be
     * @throws IllegalStateException for an event older than one already applied
     */
    public List<FunnelProgress> apply(RingstreamEvent event) {
        String eventCustomer = customerOf(event);
        if (!customerId.equals(eventCustomer)) {
            throw new IllegalArgumentException(
                    "event "
                            + event.eventId()
                            + " is customer "
                            + eventCustomer
                            + "'s, not "
                            + customerId);
        }
        long now = event.eventTime();
        if (lastTime != NONE && now < lastTime) {
            throw new IllegalStateException(
                    "event "
                            + event.eventId()
                            + " at "
                            + now
                            + " is older than "
                            + lastTime
                            + ": feed events in event-time order");
        }
        lastTime = now;
        expire(now);
        if (episodeStart != NONE && !anyAttempt()) {
            episodeStart = NONE;
            bestLevel = 0;
            lastProgress = null;
        }
        remember(event);
        int[] matched = StepMatcher.matches(funnel, event);
        if (matched.length == 0) {
            return List.of();
        }
        return advance(event, matched);
    }

    /**
     * The time after which nothing is kept for a reason: once the watermark is past it, {@link
     * #canClear} is true. {@link Long#MIN_VALUE} when nothing is kept. The operator sets its
     * cleanup timer here.
     */
    public long keptUntil() {
        long until = NONE;
        for (Attempt a : attempts) {
            if (a != null) {
                until = Math.max(until, a.start + window);
            }
        }
        for (Touch t : touches) {
            until = Math.max(until, t.time() + window);
        }
        return until;
    }

    /**
     * Whether the operator may drop this tracker once the watermark is {@code watermark}: no
     * attempt can go on (every window has passed) and no remembered contact could still be
     * credited. Dropping it loses nothing: a fresh tracker given the later events emits the same
     * rows.
     */
    public boolean canClear(long watermark) {
        long until = keptUntil();
        return until == NONE || watermark > until;
    }

    /** The furthest step reached in the current episode, 0 when none is running. */
    public int stepsReached() {
        return bestLevel;
    }

    /**
     * The row last emitted for the running episode, null when none is running. An episode that has
     * ended is noticed only at the next event, so until then this is the ended one's last row.
     */
    public FunnelProgress lastProgress() {
        return lastProgress;
    }

    /** The funnel this tracker follows. */
    public FunnelDefinition funnel() {
        return funnel;
    }

    /** The time of the last event applied, {@link Long#MIN_VALUE} for none. */
    public long lastEventTime() {
        return lastTime;
    }

    /**
     * The tracker's state in a compact, versioned byte form (format {@value #SNAPSHOT_VERSION}),
     * without the funnel and customer (the caller keys them): {@link #restore} with the same funnel
     * and customer gives a tracker that emits the same rows for the same further events.
     */
    public byte[] snapshot() {
        Out out = new Out(lastTime);
        out.w.u8(SNAPSHOT_VERSION);
        out.w.varLong(lastTime).varLong(out.rel(episodeStart)).varInt(bestLevel).string(campaign);
        out.w.bool(lastProgress != null);
        if (lastProgress != null) {
            out.w.varLong(out.rel(lastProgress.windowStart()));
            writeHits(out, lastProgress.steps());
        }
        out.w.varInt(touches.size());
        for (Touch t : touches) {
            writeTouch(out, t);
        }
        for (Attempt a : attempts) {
            out.w.bool(a != null);
            if (a != null) {
                out.w.varLong(out.rel(a.start));
                writeHits(out, a.hits);
            }
        }
        return out.w.toBytes();
    }

    /**
     * A tracker from {@link #snapshot()} bytes.
     *
     * @throws IllegalArgumentException for bytes of an unknown format version, corrupt bytes, or
     *     bytes that do not fit the funnel (a step beyond its steps)
     */
    public static FunnelTracker restore(FunnelDefinition funnel, String customerId, byte[] bytes) {
        FunnelTracker t = new FunnelTracker(funnel, customerId);
        CompactBytes.Reader r = new CompactBytes.Reader(bytes);
        int version = r.u8();
        if (version != SNAPSHOT_VERSION) {
            throw new IllegalArgumentException("unknown funnel tracker snapshot format " + version);
        }
        t.lastTime = r.varLong();
        In in = new In(r, t.lastTime);
        t.episodeStart = in.abs(r.varLong());
        t.bestLevel = r.varInt();
        t.campaign = r.string();
        if (r.bool()) {
            long windowStart = in.abs(r.varLong());
            List<StepHit> hits = t.readHits(in);
            t.lastProgress = t.progress(windowStart, hits);
        }
        int touchCount = r.varInt();
        for (int i = 0; i < touchCount; i++) {
            t.touches.addLast(readTouch(in));
        }
        for (int k = 0; k < t.stepCount; k++) {
            if (r.bool()) {
                long start = in.abs(r.varLong());
                t.attempts[k] = new Attempt(start, t.readHits(in));
            }
        }
        if (!r.atEnd()) {
            throw new IllegalArgumentException("corrupt funnel tracker snapshot: trailing bytes");
        }
        return t;
    }

    /** The snapshot format {@link #snapshot()} writes; a change of layout raises it. */
    public static final int SNAPSHOT_VERSION = 1;

    // Snapshot writing: times relative to the last event's (small numbers), and each distinct
    // touch written once, later as its index (a step's credits are often one contact).
    private static final class Out {
        final CompactBytes.Writer w = new CompactBytes.Writer();
        final Map<Touch, Integer> touchIds = new java.util.HashMap<>();
        final long base;

        Out(long base) {
            this.base = base;
        }

        long rel(long time) {
            return time == NONE || base == NONE ? time : time - base;
        }
    }

    private static final class In {
        final CompactBytes.Reader r;
        final List<Touch> touches = new ArrayList<>();
        final long base;

        In(CompactBytes.Reader r, long base) {
            this.r = r;
            this.base = base;
        }

        long abs(long rel) {
            return rel == NONE || base == NONE ? rel : rel + base;
        }
    }

    private static void writeHits(Out out, List<StepHit> hits) {
        out.w.varInt(hits.size());
        for (StepHit h : hits) {
            out.w
                    .varInt(h.step())
                    .varLong(out.rel(h.time()))
                    .string(h.eventId())
                    .string(h.campaign());
            int present = 0;
            for (Attribution rule : Attribution.values()) {
                if (h.credited(rule) != null) {
                    present |= 1 << rule.ordinal();
                }
            }
            out.w.u8(present);
            for (Attribution rule : Attribution.values()) {
                Touch touch = h.credited(rule);
                if (touch != null) {
                    writeTouch(out, touch);
                }
            }
        }
    }

    private List<StepHit> readHits(In in) {
        CompactBytes.Reader r = in.r;
        int count = r.varInt();
        if (count < 0 || count > stepCount) {
            throw new IllegalArgumentException(
                    "corrupt funnel tracker snapshot: " + count + " hits");
        }
        List<StepHit> hits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int step = r.varInt();
            if (step < 0 || step >= stepCount) {
                throw new IllegalArgumentException(
                        "snapshot step " + step + " does not fit funnel " + funnel.funnelId());
            }
            long time = in.abs(r.varLong());
            String eventId = r.string();
            String hitCampaign = r.string();
            int present = r.u8();
            Map<Attribution, Touch> credits = new EnumMap<>(Attribution.class);
            for (Attribution rule : Attribution.values()) {
                if ((present & (1 << rule.ordinal())) != 0) {
                    credits.put(rule, readTouch(in));
                }
            }
            hits.add(
                    new StepHit(
                            step,
                            funnel.steps().get(step).name(),
                            time,
                            eventId,
                            hitCampaign,
                            credits));
        }
        return List.copyOf(hits);
    }

    private static void writeTouch(Out out, Touch t) {
        Integer seen = out.touchIds.get(t);
        if (seen != null) {
            out.w.varInt(seen + 1);
            return;
        }
        out.touchIds.put(t, out.touchIds.size());
        out.w
                .varInt(0)
                .string(t.contactId())
                .string(t.agentId())
                .string(t.channel() == null ? null : t.channel().name())
                .varLong(out.rel(t.time()));
    }

    private static Touch readTouch(In in) {
        CompactBytes.Reader r = in.r;
        int ref = r.varInt();
        if (ref > 0) {
            if (ref > in.touches.size()) {
                throw new IllegalArgumentException("corrupt funnel tracker snapshot: touch " + ref);
            }
            return in.touches.get(ref - 1);
        }
        String contactId = r.string();
        String agentId = r.string();
        String channel = r.string();
        long time = in.abs(r.varLong());
        Touch t =
                new Touch(
                        contactId,
                        agentId,
                        channel == null ? null : Channel.valueOf(channel),
                        time);
        in.touches.add(t);
        return t;
    }

    private List<FunnelProgress> advance(RingstreamEvent event, int[] matched) {
        long now = event.eventTime();
        boolean strict = funnel.orderMode() == OrderMode.STRICT;
        Attempt[] next = attempts.clone();
        List<Attempt> reached = new ArrayList<>();
        // Levels from the top, each reading the attempts as they were before this event, so one
        // event moves an attempt at most one step.
        for (int level = stepCount - 1; level >= 1; level--) {
            Attempt a = attempts[level - 1];
            if (a == null) {
                continue;
            }
            if (contains(matched, level)) {
                Attempt longer = a.extend(hit(event, level, a.start, a.lastTime()));
                reached.add(longer);
                if (level < stepCount - 1) {
                    next[level] = later(next[level], longer);
                }
                if (strict) {
                    // The attempt moved on; it no longer waits at this level.
                    next[level - 1] = next[level - 1] == a ? null : next[level - 1];
                }
            } else if (strict && !contains(matched, level - 1)) {
                next[level - 1] = next[level - 1] == a ? null : next[level - 1];
            }
        }
        if (contains(matched, 0)) {
            Attempt fresh = new Attempt(now, List.of(hit(event, 0, now, NONE)));
            reached.add(fresh);
            if (stepCount > 1) {
                next[0] = later(next[0], fresh);
            }
            if (episodeStart == NONE) {
                episodeStart = now;
            }
        }
        System.arraycopy(next, 0, attempts, 0, stepCount);
        List<FunnelProgress> out = new ArrayList<>(1);
        for (Attempt a : reached) {
            if (a.hits.size() > bestLevel) {
                bestLevel = a.hits.size();
                lastProgress = progress(a.start, a.hits);
                out.add(lastProgress);
            }
        }
        return out;
    }

    private static Attempt later(Attempt kept, Attempt candidate) {
        return kept == null || candidate.start >= kept.start ? candidate : kept;
    }

    private FunnelProgress progress(long windowStart, List<StepHit> hits) {
        return new FunnelProgress(
                funnel.tenant(),
                funnel.funnelId(),
                customerId,
                episodeStart,
                windowStart,
                hits.size(),
                stepCount,
                hits);
    }

    private StepHit hit(RingstreamEvent event, int step, long attemptStart, long previousStep) {
        long now = event.eventTime();
        long lookback = attemptStart - window;
        Map<Attribution, Touch> credits = new EnumMap<>(Attribution.class);
        Touch first = null;
        Touch last = null;
        Touch preceding = null;
        for (Touch t : touches) {
            if (t.time() < lookback || t.time() > now) {
                continue;
            }
            if (first == null) {
                first = t;
            }
            last = t;
            if (previousStep == NONE || t.time() > previousStep) {
                preceding = t;
            }
        }
        String named = namedContact(event);
        if (named != null) {
            preceding = touchOf(named, now);
        }
        put(credits, Attribution.FIRST_TOUCH, first);
        put(credits, Attribution.LAST_TOUCH, last);
        put(credits, Attribution.PRECEDING_CONTACT, preceding);
        return new StepHit(
                step, funnel.steps().get(step).name(), now, event.eventId(), campaign, credits);
    }

    private static void put(Map<Attribution, Touch> credits, Attribution rule, Touch touch) {
        if (touch != null) {
            credits.put(rule, touch);
        }
    }

    /**
     * The contact a step event names itself: a business event's contactId, a contact event's own.
     */
    private static String namedContact(RingstreamEvent event) {
        if (event instanceof BusinessEvent b) {
            return b.contactId();
        }
        return event instanceof ContactEvent c ? c.contactId() : null;
    }

    private Touch touchOf(String contactId, long now) {
        Touch found = null;
        for (Touch t : touches) {
            if (t.contactId().equals(contactId)) {
                found = t;
            }
        }
        return found != null ? found : new Touch(contactId, null, null, now);
    }

    private void remember(RingstreamEvent event) {
        if (event instanceof ContactEvent c
                && c.type() == ContactEventType.ANSWERED
                && c.agentId() != null) {
            touches.addLast(new Touch(c.contactId(), c.agentId(), c.channel(), c.eventTime()));
            if (touches.size() > MAX_TOUCHES) {
                touches.removeFirst();
            }
        }
        if (event instanceof BusinessEvent b
                && b.type() == BusinessEventType.LEAD_CREATED
                && b.attributes().get("campaign") != null) {
            campaign = b.attributes().get("campaign");
        }
    }

    /** Drops attempts whose window ended before {@code now} and contacts no attempt can credit. */
    private void expire(long now) {
        long oldestStart = now;
        for (int k = 0; k < stepCount; k++) {
            Attempt a = attempts[k];
            if (a != null && now > a.start + window) {
                attempts[k] = null;
            } else if (a != null) {
                oldestStart = Math.min(oldestStart, a.start);
            }
        }
        long keepFrom = oldestStart - window;
        for (Iterator<Touch> it = touches.iterator(); it.hasNext(); ) {
            if (it.next().time() < keepFrom) {
                it.remove();
            } else {
                break;
            }
        }
    }

    private boolean anyAttempt() {
        for (Attempt a : attempts) {
            if (a != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(int[] sorted, int value) {
        return java.util.Arrays.binarySearch(sorted, value) >= 0;
    }

    private static String customerOf(RingstreamEvent event) {
        if (event instanceof BusinessEvent b) {
            return b.customerId();
        }
        if (event instanceof ContactEvent c) {
            return c.customerId();
        }
        throw new IllegalArgumentException(
                "a funnel step is a business or contact event, not "
                        + event.getClass().getSimpleName());
    }

    /** An attempt: its start (step 1's time) and the steps it reached, in order. Immutable. */
    private record Attempt(long start, List<StepHit> hits) {
        Attempt extend(StepHit hit) {
            List<StepHit> longer = new ArrayList<>(hits);
            longer.add(hit);
            return new Attempt(start, List.copyOf(longer));
        }

        long lastTime() {
            return hits.get(hits.size() - 1).time();
        }
    }
}
