package io.ringstream.pbxsim.traffic;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The discrete-event clock: runs actions in simulated-time order, ties in scheduling order, so a
 * seeded run is reproducible. Lives as long as its model; not thread-safe.
 */
final class Scheduler {
    /** A scheduled action that can be cancelled before it runs (abandon timers, ring timers). */
    static final class Handle {
        private boolean cancelled;

        void cancel() {
            cancelled = true;
        }
    }

    private record Task(long at, long seq, Runnable action, Handle handle) {}

    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(Comparator.comparingLong(Task::at).thenComparingLong(Task::seq));
    private long seq;
    private long now;

    Scheduler(long startMicros) {
        this.now = startMicros;
    }

    long now() {
        return now;
    }

    Handle at(long atMicros, Runnable action) {
        Handle handle = new Handle();
        tasks.add(new Task(Math.max(atMicros, now), seq++, action, handle));
        return handle;
    }

    Handle after(double seconds, Runnable action) {
        return at(now + Math.round(seconds * 1_000_000d), action);
    }

    /** Runs the next live action; false when nothing is scheduled. */
    boolean runNext() {
        while (!tasks.isEmpty()) {
            Task t = tasks.poll();
            if (t.handle().cancelled) {
                continue;
            }
            now = t.at();
            t.action().run();
            return true;
        }
        return false;
    }
}
