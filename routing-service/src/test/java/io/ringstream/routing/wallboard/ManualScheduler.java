package io.ringstream.routing.wallboard;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler the test drives: repeating tasks run only when {@link #runDue()} says so, on the
 * test's thread, so a test of the hub's polling needs no sleeps and no timing. Only what the hub
 * uses (scheduleWithFixedDelay) is supported.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    /** One repeating task; cancelled ones stay listed so a test can see they were cancelled. */
    static final class Task implements ScheduledFuture<Object> {
        final Runnable command;
        volatile boolean cancelled;

        Task(Runnable command) {
            this.command = command;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return 0;
        }
    }

    private final List<Task> tasks = new ArrayList<>();

    /** Runs every live repeating task once (one refresh period passes). */
    synchronized void runDue() {
        for (Task t : List.copyOf(tasks)) {
            if (!t.cancelled) {
                t.command.run();
            }
        }
    }

    /** Repeating tasks not cancelled. */
    synchronized long live() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }

    synchronized List<Task> all() {
        return List.copyOf(tasks);
    }

    @Override
    public synchronized ScheduledFuture<?> scheduleWithFixedDelay(
            Runnable command, long initialDelay, long delay, TimeUnit unit) {
        Task t = new Task(command);
        tasks.add(t);
        return t;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(
            Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    @Override
    public void execute(Runnable command) {
        throw new UnsupportedOperationException();
    }
}
