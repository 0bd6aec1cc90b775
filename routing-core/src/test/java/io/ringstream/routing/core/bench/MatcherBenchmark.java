package io.ringstream.routing.core.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Pure matcher throughput at contact-center scale (see {@link CenterBuilder}). Not a test; the
 * figures and the command go to docs/benchmarks.md. Each operation is a few engine inputs; the
 * {@code decisions} counter is the number of routing decisions (offers) per second.
 *
 * <ul>
 *   <li>{@code freedAgentTakesAWaitingContact}: agents busy and 1,000 contacts waiting; the oldest
 *       call ends, routing picks the freed agent's first eligible waiting contact across its
 *       queues, the agent accepts, a new contact arrives, and the oldest waiting caller hangs up if
 *       more than 1,000 wait.
 *   <li>{@code arrivingContactFindsAnAgent}: nobody waiting and most agents idle; a contact
 *       arrives, routing picks the best-fitting idle eligible agent, the agent accepts, and the
 *       oldest call ends (a contact nobody could take is abandoned at once).
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatcherBenchmark {

    /** Decisions made, reported by JMH per second next to the operations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Decisions {
        public long decisions;

        @Setup(Level.Iteration)
        public void reset() {
            decisions = 0;
        }
    }

    /** Every agent busy (or idle but unable to serve anything waiting), {@code waiting} waiting. */
    @State(Scope.Thread)
    public static class BusyCenter {
        @Param({"10000"})
        public int agents;

        @Param({"1000"})
        public int waiting;

        CenterBuilder center;

        @Setup(Level.Trial)
        public void setUp() {
            center = new CenterBuilder(agents);
            while (center.waiting() < waiting) {
                center.queueAndAccept(center.nextContact());
            }
        }

        /** Shows that the center kept its shape over the iteration. */
        @TearDown(Level.Iteration)
        public void shape() {
            System.out.printf(" [busy %d, waiting %d]", center.active.size(), center.waiting());
        }
    }

    /** A tenth of the agents busy, nobody waiting. */
    @State(Scope.Thread)
    public static class IdleCenter {
        @Param({"10000"})
        public int agents;

        CenterBuilder center;

        @Setup(Level.Trial)
        public void setUp() {
            center = new CenterBuilder(agents);
            while (center.active.size() < agents / 10) {
                center.queueAndAccept(center.nextContact());
            }
        }

        /** Shows that the center kept its shape over the iteration. */
        @TearDown(Level.Iteration)
        public void shape() {
            System.out.printf(" [busy %d, waiting %d]", center.active.size(), center.waiting());
        }
    }

    @Benchmark
    public int freedAgentTakesAWaitingContact(BusyCenter busy, Decisions counter) {
        CenterBuilder c = busy.center;
        c.now += 10;
        int decisions = c.acceptAll(c.engine.contactEnded(c.active.pollFirst(), c.now));
        decisions += c.queueAndAccept(c.nextContact());
        c.abandonDownTo(busy.waiting);
        counter.decisions += decisions;
        return decisions;
    }

    @Benchmark
    public int arrivingContactFindsAnAgent(IdleCenter idle, Decisions counter) {
        CenterBuilder c = idle.center;
        c.now += 10;
        int decisions = c.queueAndAccept(c.nextContact());
        c.acceptAll(c.engine.contactEnded(c.active.pollFirst(), c.now));
        c.abandonDownTo(0);
        counter.decisions += decisions;
        return decisions;
    }

    /** Entry point for {@code java -cp ... MatcherBenchmark [JMH options]}. */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }
}
