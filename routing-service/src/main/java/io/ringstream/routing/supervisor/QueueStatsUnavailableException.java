package io.ringstream.routing.supervisor;

/** The figures store could not answer; the HTTP layer turns this into a 503 problem. */
public class QueueStatsUnavailableException extends RuntimeException {
    public QueueStatsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
