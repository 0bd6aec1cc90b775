package io.ringstream.routing.customers;

import java.sql.SQLException;

/**
 * Reads PostgreSQL's SQLSTATE out of whatever wrapped it (Micronaut Data wraps SQLExceptions in
 * DataAccessException), so stores can tell an expected conflict from a real failure.
 */
final class SqlErrors {
    /** unique_violation: a concurrent or earlier insert holds the key. */
    static final String UNIQUE_VIOLATION = "23505";

    /** deadlock_detected and serialization_failure: the transaction may simply be run again. */
    private static final String DEADLOCK = "40P01";

    private static final String SERIALIZATION = "40001";

    private SqlErrors() {}

    /** Whether PostgreSQL aborted the transaction only because of a concurrent one. */
    static boolean isRetryable(Throwable error) {
        return hasState(error, DEADLOCK) || hasState(error, SERIALIZATION);
    }

    /** Whether {@code error} or one of its causes is a unique-constraint violation. */
    static boolean isUniqueViolation(Throwable error) {
        return hasState(error, UNIQUE_VIOLATION);
    }

    private static boolean hasState(Throwable error, String state) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                return false;
            }
        }
        return false;
    }
}
