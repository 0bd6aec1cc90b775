package io.ringstream.events;

import java.util.Optional;

/**
 * The one rule for names that travel everywhere (tenants, queues, skills, languages): a queue name
 * reaches every wallboard row, ClickHouse key and status line, so a 100 KB name or one with control
 * characters must be refused where it enters, as a dead letter or a 400, not carried along.
 *
 * <p>A name is 1 to {@value #MAX_LENGTH} characters, not blank, and has no control characters (C0,
 * DEL and C1). Any other Unicode is allowed: queue and skill names are the business's own words.
 */
public final class Names {
    /** Longer than any queue, skill or tenant name a contact center uses; small in every key. */
    public static final int MAX_LENGTH = 128;

    private Names() {}

    /**
     * @return what is wrong with {@code value} as a name, or empty when it is fine; {@code null} is
     *     fine here (whether a field is required is the caller's rule)
     */
    public static Optional<String> problem(String value, String field) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            return Optional.of(field + " must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of(
                    field
                            + " must be at most "
                            + MAX_LENGTH
                            + " characters, was "
                            + value.length());
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(field + " must not contain control characters");
        }
        return Optional.empty();
    }

    /** Whether {@code value} is a valid name ({@code null} is not). */
    public static boolean isValid(String value) {
        return value != null && problem(value, "name").isEmpty();
    }
}
