package io.ringstream.customers.model;

import java.util.List;

/** A customer, lead or note that breaks the model's rules, with every rule it breaks. */
public final class ModelViolationException extends IllegalArgumentException {
    private final List<String> violations;

    public ModelViolationException(String what, List<String> violations) {
        super("invalid " + what + ": " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    /** Each broken rule, in words an API can show. */
    public List<String> violations() {
        return violations;
    }
}
