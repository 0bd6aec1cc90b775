package io.ringstream.analytics.funnel;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.Attribution;
import io.ringstream.events.FunnelDefinition.Step;
import io.ringstream.events.RingstreamEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One customer's progress through every active funnel of their tenant, with per-customer ordering
 * and lateness: the rule the conversion job's keyed funnel operator drives, kept free of Flink so
 * it is tested on its own (docs/funnels.md, "The job").
 *
 * <p>Events are ordered by (eventTime, eventId), per customer, not by the global watermark: history
 * imports arrive in the past. The customer's events within {@code lateness} of their newest event
 * are the <em>recent</em> log; each funnel keeps a <em>settled</em> tracker (every older event
 * applied) and a <em>current</em> one (settled plus the recent log). An event newer than the newest
 * is applied to the current trackers directly. An older one still within the lateness is inserted
 * into the log and each current tracker is rebuilt from a copy of the settled one; rows that
 * changed are emitted again, and an episode that no longer exists is retracted. An event older than
 * {@code newest − lateness} is too late: left out, reported as {@link Outcome#late()}.
 *
 * <p>State lifetime: the recent log holds an event until a newer one pushes it past the lateness;
 * then it is applied to the settled trackers. A funnel no longer active (withdrawn, or changed: a
 * changed definition restarts progress) loses its trackers at the customer's next event. The
 * operator drops the whole state at {@link #clearAt}. Only events that can matter are kept (those
 * matching a step of an active funnel, handled contacts for attribution, leads carrying a
 * campaign); skipping the rest changes no row, as the tracker's expiry is monotone in time.
 */
public final class CustomerFunnels {

    /** The format {@link #snapshot()} writes; a change of layout raises it. */
    public static final int SNAPSHOT_VERSION = 1;

    private static final long NONE = Long.MIN_VALUE;

    /** Recent events in the order the trackers take them: time, then event id (deterministic). */
    public static final Comparator<RingstreamEvent> ORDER =
            Comparator.comparingLong(RingstreamEvent::eventTime)
                    .thenComparing(
                            RingstreamEvent::eventId, Comparator.nullsFirst(String::compareTo));

    /**
     * A row to write: a progress row, or (progress null) the retraction of {@code episodeStart}.
     *
     * @param version the customer's revision counter, +1 per update, so the newest row of an
     *     episode always wins in {@code funnel_progress}
     */
    public record Update(
            FunnelDefinition funnel, FunnelProgress progress, long episodeStart, long version) {
        public boolean retraction() {
            return progress == null;
        }
    }

    /**
     * What one event did.
     *
     * @param late the event was older than the customer's newest minus the lateness and was left
     *     out
     */
    public record Outcome(List<Update> updates, boolean late) {}

    private final String customerId;
    private long newest = NONE;
    private long revision;
    private long keptUntil = NONE;
    private final List<RingstreamEvent> recent = new ArrayList<>();
    private final Map<String, Slot> slots = new TreeMap<>();

    /**
     * One funnel's trackers. settled: every event older than the recent log; current: settled plus
     * the recent log. ledger: for each episode the recent log emitted a row for, that row's
     * fingerprint and the time of the event that produced it (dropped once that event settles).
     */
    private static final class Slot {
        final long fingerprint;
        byte[] settled;
        byte[] current;
        final Map<Long, long[]> ledger = new TreeMap<>();

        Slot(long fingerprint, byte[] settled, byte[] current) {
            this.fingerprint = fingerprint;
            this.settled = settled;
            this.current = current;
        }
    }

    private CustomerFunnels(String customerId) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
    }

    /** A customer with no state yet. */
    public static CustomerFunnels empty(String customerId) {
        return new CustomerFunnels(customerId);
    }

    /**
     * A customer with no state yet whose revisions (row versions) start after {@code
     * revisionsFrom}: the job passes the current time in milliseconds, so rows written after the
     * customer's state was cleared still outrank the rows written before it.
     */
    public static CustomerFunnels empty(String customerId, long revisionsFrom) {
        CustomerFunnels c = new CustomerFunnels(customerId);
        c.revision = Math.max(0, revisionsFrom);
        return c;
    }

    /**
     * Takes one of the customer's events with the tenant's active, valid funnels (one per funnel
     * id) and returns the rows to write.
     */
    public Outcome apply(RingstreamEvent event, List<FunnelDefinition> active, long lateness) {
        List<Update> updates = new ArrayList<>();
        Map<String, FunnelDefinition> funnels = sync(active, updates);
        if (!relevant(event, funnels.values())) {
            return new Outcome(updates, false);
        }
        long time = event.eventTime();
        if (newest != NONE && time < newest - lateness) {
            return new Outcome(updates, true);
        }
        int at = insertionPoint(event);
        if (at < 0) {
            return new Outcome(updates, false); // the same event again (at-least-once delivery)
        }
        boolean inOrder = at == recent.size();
        recent.add(at, event);
        long until = NONE;
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            FunnelDefinition funnel = funnels.get(e.getKey());
            Slot slot = e.getValue();
            FunnelTracker tracker =
                    inOrder
                            ? applyDirectly(funnel, slot, event, updates)
                            : rebuild(funnel, slot, updates);
            slot.current = tracker.snapshot();
            until = Math.max(until, tracker.keptUntil());
        }
        keptUntil = until;
        newest = Math.max(newest, time);
        settle(funnels, newest - lateness);
        return new Outcome(updates, false);
    }

    /**
     * When the operator may drop this customer's state: one lateness after the last time anything
     * is kept for (an attempt's window, a remembered contact) or the newest event, whichever is
     * later. Past it, every tracker {@link FunnelTracker#canClear can clear} and no event can be
     * late enough to need the recent log.
     */
    public long clearAt(long lateness) {
        long last = Math.max(keptUntil, newest);
        return last == NONE ? NONE : last + lateness + 1;
    }

    /** Whether nothing is kept (no event applied yet). */
    public boolean isEmpty() {
        return newest == NONE;
    }

    /** The revision counter: the version of the last update. */
    public long revision() {
        return revision;
    }

    /** The funnel ids with trackers. */
    public List<String> trackedFunnels() {
        return List.copyOf(slots.keySet());
    }

    /** How many events the recent log holds. */
    public int recentEvents() {
        return recent.size();
    }

    private FunnelTracker applyDirectly(
            FunnelDefinition funnel, Slot slot, RingstreamEvent event, List<Update> updates) {
        FunnelTracker tracker = FunnelTracker.restore(funnel, customerId, slot.current);
        for (FunnelProgress p : tracker.apply(event)) {
            slot.ledger.put(p.episodeStart(), new long[] {fingerprint(p), lastTime(p)});
            updates.add(new Update(funnel, p, p.episodeStart(), ++revision));
        }
        return tracker;
    }

    /** Replays the recent log over the settled tracker and emits what changed. */
    private FunnelTracker rebuild(FunnelDefinition funnel, Slot slot, List<Update> updates) {
        FunnelTracker tracker = FunnelTracker.restore(funnel, customerId, slot.settled);
        FunnelProgress baseline = tracker.lastProgress();
        Map<Long, FunnelProgress> replayed = new TreeMap<>();
        for (RingstreamEvent e : recent) {
            for (FunnelProgress p : tracker.apply(e)) {
                replayed.put(p.episodeStart(), p);
            }
        }
        for (Map.Entry<Long, FunnelProgress> r : replayed.entrySet()) {
            long before = before(slot, baseline, r.getKey());
            if (before != fingerprint(r.getValue())) {
                updates.add(new Update(funnel, r.getValue(), r.getKey(), ++revision));
            }
        }
        for (Long gone : slot.ledger.keySet()) {
            if (replayed.containsKey(gone)) {
                continue;
            }
            if (baseline != null && baseline.episodeStart() == gone) {
                // A late event undid what the recent log added: the settled row stands again.
                updates.add(new Update(funnel, baseline, gone, ++revision));
            } else {
                updates.add(new Update(funnel, null, gone, ++revision));
            }
        }
        slot.ledger.clear();
        for (FunnelProgress p : replayed.values()) {
            slot.ledger.put(p.episodeStart(), new long[] {fingerprint(p), lastTime(p)});
        }
        return tracker;
    }

    /** The fingerprint of the row last written for an episode; 0 for none. */
    private static long before(Slot slot, FunnelProgress baseline, long episodeStart) {
        long[] entry = slot.ledger.get(episodeStart);
        if (entry != null) {
            return entry[0];
        }
        return baseline != null && baseline.episodeStart() == episodeStart
                ? fingerprint(baseline)
                : 0;
    }

    /** Moves events older than {@code horizon} from the recent log into the settled trackers. */
    private void settle(Map<String, FunnelDefinition> funnels, long horizon) {
        int n = 0;
        while (n < recent.size() && recent.get(n).eventTime() < horizon) {
            n++;
        }
        if (n == 0) {
            return;
        }
        List<RingstreamEvent> settling = new ArrayList<>(recent.subList(0, n));
        recent.subList(0, n).clear();
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            Slot slot = e.getValue();
            if (recent.isEmpty()) {
                slot.settled = slot.current;
            } else {
                FunnelTracker settled =
                        FunnelTracker.restore(funnels.get(e.getKey()), customerId, slot.settled);
                for (RingstreamEvent s : settling) {
                    settled.apply(s);
                }
                slot.settled = settled.snapshot();
            }
            slot.ledger.values().removeIf(entry -> entry[1] < horizon);
        }
    }

    /**
     * Drops trackers of funnels no longer active or changed, and starts trackers for new ones: a
     * new funnel starts from the customer's recent log (rows for it are emitted at the next rebuild
     * or step) and knows nothing older.
     */
    private Map<String, FunnelDefinition> sync(
            List<FunnelDefinition> active, List<Update> updates) {
        Map<String, FunnelDefinition> funnels = new HashMap<>();
        for (FunnelDefinition f : active) {
            funnels.put(f.funnelId(), f);
        }
        slots.entrySet()
                .removeIf(
                        e -> {
                            FunnelDefinition f = funnels.get(e.getKey());
                            return f == null || fingerprint(f) != e.getValue().fingerprint;
                        });
        for (FunnelDefinition f : funnels.values()) {
            if (!slots.containsKey(f.funnelId())) {
                byte[] fresh = new FunnelTracker(f, customerId).snapshot();
                Slot slot = new Slot(fingerprint(f), fresh, fresh);
                if (!recent.isEmpty()) {
                    FunnelTracker current = new FunnelTracker(f, customerId);
                    for (RingstreamEvent e : recent) {
                        for (FunnelProgress p : current.apply(e)) {
                            slot.ledger.put(
                                    p.episodeStart(), new long[] {fingerprint(p), lastTime(p)});
                            updates.add(new Update(f, p, p.episodeStart(), ++revision));
                        }
                    }
                    slot.current = current.snapshot();
                }
                slots.put(f.funnelId(), slot);
            }
        }
        return funnels;
    }

    /** Where the event goes in the recent log; -1 when it is already there. */
    private int insertionPoint(RingstreamEvent event) {
        int i = recent.size();
        while (i > 0 && ORDER.compare(recent.get(i - 1), event) > 0) {
            i--;
        }
        if (i > 0
                && Objects.equals(recent.get(i - 1).eventId(), event.eventId())
                && recent.get(i - 1).eventTime() == event.eventTime()) {
            return -1;
        }
        return i;
    }

    /** Whether any tracker could act on the event (a step, a credited contact, a campaign). */
    static boolean relevant(RingstreamEvent event, Iterable<FunnelDefinition> funnels) {
        if (event instanceof ContactEvent c
                && c.type() == ContactEventType.ANSWERED
                && c.agentId() != null) {
            return true;
        }
        if (event instanceof BusinessEvent b
                && b.type() == BusinessEventType.LEAD_CREATED
                && b.attributes().get("campaign") != null) {
            return true;
        }
        for (FunnelDefinition f : funnels) {
            for (Step step : f.steps()) {
                if (StepMatcher.matches(step, event)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long lastTime(FunnelProgress p) {
        return p.steps().get(p.steps().size() - 1).time();
    }

    /**
     * A 64-bit fingerprint of what a row says, to tell a changed row from the same one without
     * keeping rows in state. Never 0 ("no row").
     */
    public static long fingerprint(FunnelProgress p) {
        Fnv h = new Fnv();
        h.add(p.episodeStart()).add(p.windowStart()).add(p.stepsReached());
        for (StepHit s : p.steps()) {
            h.add(s.step()).add(s.time()).add(s.eventId()).add(s.campaign());
            for (Attribution rule : Attribution.values()) {
                Touch t = s.credited(rule);
                if (t == null) {
                    h.add("-");
                } else {
                    h.add(t.contactId()).add(t.agentId()).add(String.valueOf(t.channel()));
                    h.add(t.time());
                }
            }
        }
        long v = h.value;
        return v == 0 ? 1 : v;
    }

    /**
     * A fingerprint of what the tracker follows (steps, window, order, attribution; not the name),
     * so a changed definition restarts the customer's progress and a renamed or re-published one
     * does not. Attributes are taken sorted: map order differs between JVM runs.
     */
    public static long fingerprint(FunnelDefinition f) {
        Fnv h = new Fnv();
        h.add(f.windowMillis())
                .add(String.valueOf(f.orderMode()))
                .add(String.valueOf(f.attribution()));
        for (Step s : f.steps()) {
            h.add(s.name()).add(String.valueOf(s.kind())).add(s.eventType()).add(s.stage());
            for (Map.Entry<String, String> a : new TreeMap<>(s.attributes()).entrySet()) {
                h.add(a.getKey()).add(a.getValue());
            }
            h.add("|");
        }
        return h.value;
    }

    /** FNV-1a, 64 bits: stable across JVMs, unlike String.hashCode's 32 bits. */
    private static final class Fnv {
        long value = 0xcbf29ce484222325L;

        Fnv add(long v) {
            for (int i = 0; i < 8; i++) {
                value ^= (v >>> (i * 8)) & 0xFF;
                value *= 0x100000001b3L;
            }
            return this;
        }

        Fnv add(String s) {
            if (s == null) {
                return add(-1L);
            }
            add(s.length());
            for (int i = 0; i < s.length(); i++) {
                value ^= s.charAt(i);
                value *= 0x100000001b3L;
            }
            return this;
        }
    }

    /**
     * The customer's state in a compact, versioned byte form. Funnel definitions are not in it:
     * {@link #restore} takes them from the active ones, and drops trackers of funnels that are not.
     */
    public byte[] snapshot() {
        CompactBytes.Writer w = new CompactBytes.Writer();
        w.u8(SNAPSHOT_VERSION);
        w.string(customerId).varLong(newest).varLong(revision).varLong(keptUntil);
        w.varInt(recent.size());
        for (RingstreamEvent e : recent) {
            FunnelEventBytes.write(w, e);
        }
        w.varInt(slots.size());
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            Slot slot = e.getValue();
            w.string(e.getKey()).varLong(slot.fingerprint).bytes(slot.settled);
            // When the recent log is empty, current is settled: written once.
            w.bytes(recent.isEmpty() ? null : slot.current);
            w.varInt(slot.ledger.size());
            for (Map.Entry<Long, long[]> l : slot.ledger.entrySet()) {
                w.varLong(l.getKey()).varLong(l.getValue()[0]).varLong(l.getValue()[1]);
            }
        }
        return w.toBytes();
    }

    /**
     * The customer from {@link #snapshot()} bytes.
     *
     * @throws IllegalArgumentException for an unknown format version or corrupt bytes
     */
    public static CustomerFunnels restore(byte[] bytes) {
        CompactBytes.Reader r = new CompactBytes.Reader(bytes);
        int version = r.u8();
        if (version != SNAPSHOT_VERSION) {
            throw new IllegalArgumentException("unknown customer funnel state format " + version);
        }
        CustomerFunnels c = new CustomerFunnels(r.string());
        c.newest = r.varLong();
        c.revision = r.varLong();
        c.keptUntil = r.varLong();
        int n = r.varInt();
        for (int i = 0; i < n; i++) {
            c.recent.add(FunnelEventBytes.read(r));
        }
        int slotCount = r.varInt();
        for (int i = 0; i < slotCount; i++) {
            String funnelId = r.string();
            long fingerprint = r.varLong();
            byte[] settled = r.bytes();
            byte[] current = r.bytes();
            Slot slot = new Slot(fingerprint, settled, current == null ? settled : current);
            int ledger = r.varInt();
            for (int k = 0; k < ledger; k++) {
                long start = r.varLong();
                slot.ledger.put(start, new long[] {r.varLong(), r.varLong()});
            }
            c.slots.put(funnelId, slot);
        }
        if (!r.atEnd()) {
            throw new IllegalArgumentException("corrupt customer funnel state: trailing bytes");
        }
        return c;
    }
}
