package io.ringstream.customers.merge;

import io.ringstream.customers.model.CustomerId;
import java.util.List;

/** Redirects that lead back to where they started, which no merge can produce and none may add. */
public final class RedirectCycleException extends IllegalStateException {
    private final List<CustomerId> cycle;

    public RedirectCycleException(List<CustomerId> cycle) {
        super("redirects form a cycle: " + cycle);
        this.cycle = List.copyOf(cycle);
    }

    /** The ids visited, starting and ending with the same one. */
    public List<CustomerId> cycle() {
        return cycle;
    }
}
