package io.ringstream.customers.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem with a value before refusing it, so an API can report them all at once
 * rather than one per request. The events module has a helper of the same name, but it is
 * package-private and built around the event envelope; this one is for the customer model.
 */
public final class Violations {
    private final List<String> found = new ArrayList<>();

    /** Adds "{field} is required" when the value is null or blank. */
    public Violations require(Object value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            found.add(field + " is required");
        }
        return this;
    }

    /** Adds the message when the condition does not hold. */
    public Violations check(boolean ok, String message) {
        if (!ok) {
            found.add(message);
        }
        return this;
    }

    /** Adds "{field} has at most {max} characters" when a present value is longer. */
    public Violations maxLength(String value, int max, String field) {
        return check(
                value == null || value.length() <= max,
                field + " has at most " + max + " characters");
    }

    public Violations add(String message) {
        found.add(message);
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(found);
    }

    /**
     * Throws when anything was found.
     *
     * @param what the thing checked, e.g. "customer", for the exception's message
     * @throws ModelViolationException listing every violation
     */
    public void throwIfAny(String what) {
        if (!found.isEmpty()) {
            throw new ModelViolationException(what, list());
        }
    }
}
