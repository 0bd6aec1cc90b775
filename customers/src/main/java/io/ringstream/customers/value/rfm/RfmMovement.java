package io.ringstream.customers.value.rfm;

import io.ringstream.customers.model.CustomerId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How customers moved between segments from one scoring to the next, per customer and counted per
 * (from, to) pair: the movement a dashboard shows (e.g. how many Champions became At Risk).
 *
 * <p>A customer only in the later scoring (its first booking) moves from {@code null}; one only in
 * the earlier scoring (erased or merged away) moves to {@code null}. Customers who stayed count
 * too, under (segment, same segment).
 *
 * @param moves one per customer in either scoring: those of the later one in its order, then those
 *     only in the earlier one
 * @param counts customers per (from, to), ordered by from then to, {@code null} first
 */
public record RfmMovement(List<Move> moves, Map<Transition, Long> counts) {

    /** One customer's segments before and after; either may be null (see the class comment). */
    public record Move(CustomerId customerId, String from, String to) {
        public Move {
            Objects.requireNonNull(customerId, "customerId");
        }

        public boolean changed() {
            return !Objects.equals(from, to);
        }

        public Transition transition() {
            return new Transition(from, to);
        }
    }

    /** A (from, to) pair of segments. */
    public record Transition(String from, String to) {
        static final Comparator<Transition> ORDER =
                Comparator.comparing(
                                Transition::from, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(
                                Transition::to, Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    public RfmMovement {
        moves = List.copyOf(moves);
        TreeMap<Transition, Long> sorted = new TreeMap<>(Transition.ORDER);
        sorted.putAll(counts);
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    /**
     * The movement between two scorings of one tenant, segmented by one table.
     *
     * @throws IllegalArgumentException when the scorings are of different tenants
     */
    public static RfmMovement between(RfmSegmentTable table, RfmScoring before, RfmScoring after) {
        if (!before.tenant().equals(after.tenant())) {
            throw new IllegalArgumentException(
                    "movement is within one tenant: " + before.tenant() + " and " + after.tenant());
        }
        return between(table.assign(before), table.assign(after));
    }

    /** The movement between two segment assignments (customer to segment name). */
    public static RfmMovement between(
            Map<CustomerId, String> before, Map<CustomerId, String> after) {
        List<Move> moves = new ArrayList<>();
        after.forEach((id, to) -> moves.add(new Move(id, before.get(id), to)));
        before.forEach(
                (id, from) -> {
                    if (!after.containsKey(id)) {
                        moves.add(new Move(id, from, null));
                    }
                });
        Map<Transition, Long> counts = new TreeMap<>(Transition.ORDER);
        moves.forEach(m -> counts.merge(m.transition(), 1L, Long::sum));
        return new RfmMovement(moves, counts);
    }

    /** How many customers went from {@code from} to {@code to} (0 when none). */
    public long count(String from, String to) {
        return counts.getOrDefault(new Transition(from, to), 0L);
    }

    /** The customers whose segment changed. */
    public List<Move> changed() {
        return moves.stream().filter(Move::changed).toList();
    }
}
