package io.ringstream.customers.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * One tenant's customers as of a scoring day, summed, so that a dashboard reads one summary per day
 * instead of every customer's rows (issue 13): customers and value per segment, customers per 10 %
 * band of P(alive), and segment movement over each of {@link #MOVEMENT_DAYS}. Built from each
 * customer's last written row ({@link PurchaseHistory.WrittenRow}), so it is exactly what grouping
 * the latest {@code customer_value} row per customer gives.
 */
public final class CustomerValueDay {
    /** The movement spans summed: the Customers dashboard's {@code movement_days} choices. */
    public static final List<Integer> MOVEMENT_DAYS = List.of(7, 30, 90, 365);

    /** The "from" of a customer who had no row by the earlier day. */
    public static final String NEW = "(new)";

    /**
     * One segment's customers and sums; each mean's count leaves out the customers without that
     * figure (null model outputs), as SQL's {@code avg} does.
     */
    public record Segment(
            String segment,
            long customers,
            double monetarySum,
            long clvCustomers,
            double clvSum,
            long aliveCustomers,
            double aliveSum,
            long purchasesCustomers,
            double purchasesSum) {}

    /** Customers whose segment was {@code from} {@code days} earlier and is {@code to} now. */
    public record Move(int days, String from, String to, long customers) {}

    private final List<Segment> segments;
    private final long[] aliveBands;
    private final List<Move> moves;

    private CustomerValueDay(List<Segment> segments, long[] aliveBands, List<Move> moves) {
        this.segments = List.copyOf(segments);
        this.aliveBands = aliveBands.clone();
        this.moves = List.copyOf(moves);
    }

    /** Per segment, by name. */
    public List<Segment> segments() {
        return segments;
    }

    /** Customers per band 0–9 of P(alive) ({@link #band}); customers without one are left out. */
    public long[] aliveBands() {
        return aliveBands.clone();
    }

    /** Per span, from and to (sorted), the pairs with customers only. */
    public List<Move> moves() {
        return moves;
    }

    public long customers() {
        return segments.stream().mapToLong(Segment::customers).sum();
    }

    /**
     * The 10 % band of a probability, as the dashboard's SQL computes it: {@code least(toUInt8(
     * floor(p * 10)), 9)}, so 1.0 falls in 90–100 %.
     */
    public static int band(double probability) {
        return (int) Math.min(Math.max(Math.floor(probability * 10), 0), 9);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Adds customers one at a time. */
    public static final class Builder {
        private final Map<String, double[]> sums = new TreeMap<>();
        private final long[] bands = new long[10];
        private final Map<Integer, Map<List<String>, Long>> moves = new TreeMap<>();

        private Builder() {}

        /**
         * Adds a customer.
         *
         * @param now the customer's latest row
         * @param segmentDaysBefore the customer's segment {@code days} before the day, null when
         *     they had no row then
         */
        public Builder add(PurchaseHistory.WrittenRow now, IntFunction<String> segmentDaysBefore) {
            Objects.requireNonNull(now, "now");
            double[] s = sums.computeIfAbsent(now.segment(), k -> new double[8]);
            s[0]++;
            s[1] += now.monetaryTotal();
            if (now.clv12m() != null) {
                s[2]++;
                s[3] += now.clv12m();
            }
            if (now.probabilityAlive() != null) {
                s[4]++;
                s[5] += now.probabilityAlive();
                bands[band(now.probabilityAlive())]++;
            }
            if (now.expectedPurchases12m() != null) {
                s[6]++;
                s[7] += now.expectedPurchases12m();
            }
            for (int days : MOVEMENT_DAYS) {
                String from = segmentDaysBefore.apply(days);
                moves.computeIfAbsent(days, d -> new TreeMap<>(Builder::compare))
                        .merge(List.of(from == null ? NEW : from, now.segment()), 1L, Long::sum);
            }
            return this;
        }

        private static int compare(List<String> a, List<String> b) {
            int c = a.get(0).compareTo(b.get(0));
            return c != 0 ? c : a.get(1).compareTo(b.get(1));
        }

        public CustomerValueDay build() {
            List<Segment> segments = new ArrayList<>();
            sums.forEach(
                    (name, s) ->
                            segments.add(
                                    new Segment(
                                            name,
                                            (long) s[0],
                                            s[1],
                                            (long) s[2],
                                            s[3],
                                            (long) s[4],
                                            s[5],
                                            (long) s[6],
                                            s[7])));
            List<Move> list = new ArrayList<>();
            moves.forEach(
                    (days, pairs) ->
                            pairs.forEach(
                                    (pair, n) ->
                                            list.add(new Move(days, pair.get(0), pair.get(1), n))));
            return new CustomerValueDay(segments, bands, list);
        }
    }
}
