package io.ringstream.routing.core.sim;

import io.ringstream.routing.core.AgentProfile;
import io.ringstream.routing.core.AgentState;
import io.ringstream.routing.core.Contact;
import io.ringstream.routing.core.RoutingEffect;
import io.ringstream.routing.core.RoutingEffect.AgentStateChanged;
import io.ringstream.routing.core.RoutingEffect.ContactAssigned;
import io.ringstream.routing.core.RoutingEffect.OfferMade;
import io.ringstream.routing.core.RoutingEngine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A seeded discrete-event contact center around the real {@link RoutingEngine}: Poisson arrivals,
 * sampled handle times and patience, agents who answer offers after a delay (or let some ring out).
 * Every routing decision is the engine's; the simulator only plays the customers, the agents and
 * the clock, so what it measures is what the production routing would do.
 */
public final class Simulator {
    private static final long NOT_RESPONDING_BREAK_MILLIS = 60_000;

    private final SimulationSpec spec;
    private final SplittableRandom random;
    private final RoutingEngine engine;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final Map<String, SimContact> contacts = new HashMap<>();
    private final Map<String, AgentProfile> profiles = new HashMap<>();
    private final Map<String, AgentClock> clocks = new HashMap<>();
    private final long warmupEnd;
    private final long end;
    private long now;
    private long seq;
    private long nextTick = Long.MAX_VALUE;
    private long pendingMeasured;
    private long arrived;
    private long answered;
    private long abandoned;
    private long withinThreshold;
    private double totalWait;
    private long missed;

    private Simulator(SimulationSpec spec) {
        this.spec = spec;
        this.random = new SplittableRandom(spec.seed());
        this.engine = new RoutingEngine(spec.routing());
        this.warmupEnd = Math.round(spec.warmupHours() * 3_600_000);
        this.end = warmupEnd + Math.round(spec.hours() * 3_600_000);
    }

    /** Runs {@code spec} with {@code agents} agents split over the groups by their shares. */
    public static SimulationResult run(SimulationSpec spec, int agents) {
        return new Simulator(spec).simulate(agents);
    }

    /** Head counts per group: shares of {@code total}, rounded by largest remainder. */
    static int[] split(List<AgentGroup> groups, int total) {
        double sum = groups.stream().mapToDouble(AgentGroup::share).sum();
        int[] counts = new int[groups.size()];
        double[] remainder = new double[groups.size()];
        int given = 0;
        for (int i = 0; i < counts.length; i++) {
            double exact = total * groups.get(i).share() / sum;
            counts[i] = (int) Math.floor(exact);
            remainder[i] = exact - counts[i];
            given += counts[i];
        }
        while (given < total) {
            int best = 0;
            for (int i = 1; i < counts.length; i++) {
                if (remainder[i] > remainder[best]) {
                    best = i;
                }
            }
            counts[best]++;
            remainder[best] = -1;
            given++;
        }
        return counts;
    }

    private SimulationResult simulate(int agents) {
        int[] counts = split(spec.groups(), agents);
        for (int g = 0; g < counts.length; g++) {
            for (int i = 0; i < counts[g]; i++) {
                AgentProfile p = spec.groups().get(g).profile(i + 1);
                profiles.put(p.agentId(), p);
                clocks.put(p.agentId(), new AgentClock());
                apply(engine.agentLogin(p, 0));
                apply(engine.agentReady(p.agentId(), 0));
            }
        }
        for (int t = 0; t < spec.traffic().size(); t++) {
            scheduleArrival(t, 0);
        }
        while (!events.isEmpty()) {
            Event e = events.poll();
            if (e.time >= end && pendingMeasured == 0) {
                break;
            }
            now = e.time;
            switch (e.kind) {
                case ARRIVAL -> arrive(e.index);
                case ABANDON -> abandon(e.id);
                case ANSWER -> apply(engine.offerAccepted(e.id, now));
                case END -> apply(engine.contactEnded(e.id, now));
                case READY -> apply(engine.agentReady(e.id, now));
                case TICK -> {
                    if (e.time == nextTick) {
                        nextTick = Long.MAX_VALUE;
                    }
                    apply(engine.advanceTime(now));
                }
            }
        }
        return result(agents);
    }

    private void scheduleArrival(int type, long from) {
        ContactType t = spec.traffic().get(type);
        if (t.perHour() <= 0) {
            return;
        }
        long at = from + Math.round(Distributions.exponential(random, 3_600_000 / t.perHour()));
        if (at < end) {
            push(new Event(at, seq++, Kind.ARRIVAL, type, null));
        }
    }

    private void arrive(int type) {
        ContactType t = spec.traffic().get(type);
        scheduleArrival(type, now);
        String id = "c" + seq;
        boolean measured = now >= warmupEnd;
        contacts.put(id, new SimContact(t, now, measured));
        if (measured) {
            arrived++;
            pendingMeasured++;
        }
        Contact contact =
                new Contact(
                        id,
                        "sim",
                        t.channel(),
                        t.queue(),
                        t.skill() == null ? Map.of() : Map.of(t.skill(), 1),
                        t.language(),
                        0,
                        null,
                        null,
                        now);
        if (t.abandons()) {
            long patience =
                    Math.round(Distributions.exponential(random, t.patienceSeconds() * 1000));
            push(new Event(now + patience, seq++, Kind.ABANDON, 0, id));
        }
        apply(engine.contactQueued(contact, now));
    }

    private void abandon(String id) {
        SimContact c = contacts.get(id);
        if (c == null || c.answered) {
            return;
        }
        contacts.remove(id);
        if (c.measured) {
            abandoned++;
            pendingMeasured--;
        }
        apply(engine.contactAbandoned(id, now));
    }

    private void apply(List<RoutingEffect> effects) {
        for (RoutingEffect effect : effects) {
            if (effect instanceof OfferMade made) {
                if (random.nextDouble() < spec.missRate()) {
                    missed++;
                } else {
                    double delay =
                            spec.minAcceptSeconds()
                                    + random.nextDouble()
                                            * (spec.maxAcceptSeconds() - spec.minAcceptSeconds());
                    push(
                            new Event(
                                    now + Math.round(delay * 1000),
                                    seq++,
                                    Kind.ANSWER,
                                    0,
                                    made.offer().offerId()));
                }
            } else if (effect instanceof ContactAssigned assigned) {
                answer(assigned);
            } else if (effect instanceof AgentStateChanged changed) {
                AgentClock clock = clocks.get(changed.agentId());
                if (clock != null) {
                    clock.change(changed.state(), now, warmupEnd, end);
                }
                if (changed.state() == AgentState.NOT_READY
                        && "not responding".equals(changed.reason())) {
                    push(
                            new Event(
                                    now + NOT_RESPONDING_BREAK_MILLIS,
                                    seq++,
                                    Kind.READY,
                                    0,
                                    changed.agentId()));
                }
            }
        }
        var deadline = engine.nextDeadline();
        if (deadline.isPresent() && deadline.getAsLong() < nextTick) {
            nextTick = Math.max(deadline.getAsLong(), now);
            push(new Event(nextTick, seq++, Kind.TICK, 0, null));
        }
    }

    private void answer(ContactAssigned assigned) {
        SimContact c = contacts.get(assigned.contactId());
        c.answered = true;
        double wait = (now - c.arrivedAt) / 1000.0;
        if (c.measured) {
            answered++;
            pendingMeasured--;
            totalWait += wait;
            if (wait <= spec.serviceLevelSeconds()) {
                withinThreshold++;
            }
        }
        int proficiency =
                c.type.skill() == null
                        ? 3
                        : Math.max(1, profiles.get(assigned.agentId()).proficiency(c.type.skill()));
        double factor = 1 + spec.proficiencySpeedup() * (3 - proficiency) / 2.0;
        double seconds = c.type.handleTime().sample(random, factor);
        contacts.remove(assigned.contactId());
        push(
                new Event(
                        now + Math.max(1, Math.round(seconds * 1000)),
                        seq++,
                        Kind.END,
                        0,
                        assigned.contactId()));
    }

    private void push(Event e) {
        events.add(e);
    }

    private SimulationResult result(int agents) {
        List<Double> occupancies = new ArrayList<>();
        double busy = 0;
        double staffed = 0;
        for (AgentClock clock : clocks.values()) {
            clock.change(AgentState.OFFLINE, end, warmupEnd, end);
            busy += clock.busy;
            staffed += clock.busy + clock.idle;
            if (clock.busy + clock.idle > 0) {
                occupancies.add(clock.busy / (clock.busy + clock.idle));
            }
        }
        double mean = occupancies.stream().mapToDouble(d -> d).average().orElse(0);
        double var =
                occupancies.stream().mapToDouble(d -> (d - mean) * (d - mean)).average().orElse(0);
        return new SimulationResult(
                agents,
                arrived,
                answered,
                abandoned,
                withinThreshold,
                totalWait,
                staffed == 0 ? 0 : busy / staffed,
                Math.sqrt(var),
                occupancies.stream().mapToDouble(d -> d).min().orElse(0),
                occupancies.stream().mapToDouble(d -> d).max().orElse(0),
                missed);
    }

    private enum Kind {
        ARRIVAL,
        ABANDON,
        ANSWER,
        END,
        READY,
        TICK
    }

    /** A future happening; ties in time keep scheduling order, which keeps runs reproducible. */
    private record Event(long time, long seq, Kind kind, int index, String id)
            implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** A contact the simulator is still responsible for (until answered or abandoned). */
    private static final class SimContact {
        final ContactType type;
        final long arrivedAt;
        final boolean measured;
        boolean answered;

        SimContact(ContactType type, long arrivedAt, boolean measured) {
            this.type = type;
            this.arrivedAt = arrivedAt;
            this.measured = measured;
        }
    }

    /** Time one agent spent working and idle inside the measured window. */
    private static final class AgentClock {
        AgentState state = AgentState.OFFLINE;
        long since;
        double busy;
        double idle;

        void change(AgentState next, long at, long from, long to) {
            long a = Math.max(since, from);
            long b = Math.min(at, to);
            if (b > a) {
                switch (state) {
                    case RESERVED, BUSY, WRAP_UP -> busy += b - a;
                    case AVAILABLE -> idle += b - a;
                    case OFFLINE, NOT_READY -> {
                        // Neither working nor available.
                    }
                }
            }
            state = next;
            since = at;
        }
    }
}
