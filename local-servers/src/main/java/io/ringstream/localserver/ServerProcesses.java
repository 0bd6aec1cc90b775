package io.ringstream.localserver;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Recognises a local server by the pid its data directory recorded, and waits for it to answer.
 * Used to find a server that another process (an earlier {@code up}) left running.
 */
public final class ServerProcesses {
    private static final Duration POLL = Duration.ofMillis(100);

    private ServerProcesses() {}

    /**
     * Whether {@code pid} is alive and its command contains {@code program}. When the command is
     * not visible (another user's process), the pid is trusted.
     */
    public static boolean isAlive(long pid, String program) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(h -> h.info().command().map(c -> c.contains(program)).orElse(true))
                .orElse(false);
    }

    /**
     * Polls {@code ready} while the server is alive, for at most {@code timeout}: whether it
     * answered. Production start-up code, not a test: polling with a deadline is the point.
     */
    public static boolean awaitReady(
            long pid, String program, BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isAlive(pid, program)) {
            if (ready.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return false;
    }
}
