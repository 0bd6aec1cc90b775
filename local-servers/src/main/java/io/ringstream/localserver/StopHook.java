package io.ringstream.localserver;

/**
 * Stops a local server process when the JVM exits, unless its owner took the stop over. A safety
 * net for tests and short commands; an owner that closes its parts in order on shutdown ({@code
 * ./ringstream up}) hands it over, so the server outlives everything that still writes to it.
 */
public final class StopHook {
    private final Thread thread;

    private StopHook(Thread thread) {
        this.thread = thread;
    }

    /** Registers {@code stop} to run at JVM exit, on a thread called {@code name}. */
    public static StopHook register(String name, Runnable stop) {
        Thread thread = new Thread(stop, name);
        Runtime.getRuntime().addShutdownHook(thread);
        return new StopHook(thread);
    }

    /**
     * Removes the hook: the server now stops only when its owner closes it (or, when closing,
     * because it has just been stopped). Too late once the JVM is exiting: the hook then runs.
     */
    public void remove() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // The hook is running or about to; it stops the server.
        }
    }
}
