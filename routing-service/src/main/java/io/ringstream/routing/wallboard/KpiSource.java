package io.ringstream.routing.wallboard;

/** Where the wallboard's figures of today come from; ClickHouse in production. */
public interface KpiSource {

    /**
     * Today's figures of the tenant; {@code live} names the agents now and their contacts (for the
     * sentiment column). Throws {@link KpisUnavailableException} when the store does not answer.
     */
    KpiFigures today(String tenant, LiveFigures live);

    /** The store could not answer; the wallboard keeps its last figures and says they are stale. */
    class KpisUnavailableException extends RuntimeException {
        public KpisUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
