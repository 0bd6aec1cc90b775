package io.ringstream.customers.merge;

import io.ringstream.customers.model.CustomerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves an id that may have been merged, possibly more than once (a → b, then b → c), to the
 * customer that holds its records now. Used in memory (one tenant's redirects) or, through {@link
 * #follow}, over any lookup such as a table of redirects. Immutable.
 */
public final class Redirects {
    private static final Redirects NONE = new Redirects(Map.of());

    private final Map<CustomerId, CustomerId> next;

    private Redirects(Map<CustomerId, CustomerId> next) {
        this.next = next;
    }

    public static Redirects none() {
        return NONE;
    }

    /**
     * Redirects from their edges.
     *
     * @throws RedirectCycleException if any chain comes back to where it started
     */
    public static Redirects of(Iterable<Redirect> redirects) {
        Map<CustomerId, CustomerId> next = new HashMap<>();
        for (Redirect r : redirects) {
            CustomerId before = next.put(r.from(), r.to());
            if (before != null && !before.equals(r.to())) {
                throw new IllegalArgumentException(
                        r.from() + " redirects to both " + before + " and " + r.to());
            }
        }
        Redirects built = new Redirects(Map.copyOf(next));
        next.keySet().forEach(built::resolve);
        return built;
    }

    /**
     * Follows redirects from {@code id} through any lookup of one step.
     *
     * @param step the id a customer id redirects to, or empty if it is a customer of its own
     * @return the id at the end of the chain ({@code id} itself when it is not redirected)
     * @throws RedirectCycleException if the chain comes back to an id it passed
     */
    public static CustomerId follow(
            CustomerId id, Function<CustomerId, Optional<CustomerId>> step) {
        List<CustomerId> chain = chain(id, step);
        return chain.get(chain.size() - 1);
    }

    private static List<CustomerId> chain(
            CustomerId id, Function<CustomerId, Optional<CustomerId>> step) {
        Objects.requireNonNull(id, "id");
        LinkedHashSet<CustomerId> seen = new LinkedHashSet<>();
        CustomerId current = id;
        while (seen.add(current)) {
            Optional<CustomerId> to = step.apply(current);
            if (to.isEmpty()) {
                return List.copyOf(seen);
            }
            current = to.get();
        }
        List<CustomerId> cycle = new ArrayList<>(seen);
        cycle.add(current);
        throw new RedirectCycleException(cycle.subList(cycle.indexOf(current), cycle.size()));
    }

    /** The id that holds {@code id}'s records now: the end of its chain, or itself. */
    public CustomerId resolve(CustomerId id) {
        return follow(id, this::target);
    }

    /** Every id from {@code id} to the end of its chain, both included. */
    public List<CustomerId> chain(CustomerId id) {
        return chain(id, this::target);
    }

    /** Whether {@code id} was merged into another customer. */
    public boolean isRedirected(CustomerId id) {
        return next.containsKey(id);
    }

    /** The one step from {@code id}, if it was merged. */
    public Optional<CustomerId> target(CustomerId id) {
        return Optional.ofNullable(next.get(id));
    }

    /**
     * These redirects and one more.
     *
     * @throws IllegalArgumentException if its source is already redirected
     * @throws RedirectCycleException if its target leads back to its source
     */
    public Redirects with(Redirect redirect) {
        if (next.containsKey(redirect.from())) {
            throw new IllegalArgumentException(redirect.from() + " is already redirected");
        }
        List<CustomerId> onward = chain(redirect.to());
        if (onward.contains(redirect.from())) {
            List<CustomerId> cycle = new ArrayList<>();
            cycle.add(redirect.from());
            cycle.addAll(onward.subList(0, onward.indexOf(redirect.from()) + 1));
            throw new RedirectCycleException(cycle);
        }
        Map<CustomerId, CustomerId> more = new HashMap<>(next);
        more.put(redirect.from(), redirect.to());
        return new Redirects(Map.copyOf(more));
    }

    public int size() {
        return next.size();
    }
}
