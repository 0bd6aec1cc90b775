package io.ringstream.customers.value.rfm;

import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.model.Violations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Scores recency, frequency and monetary value 1–5 by quintile within one tenant's customers, so
 * "best" always means best relative to the same business, whatever its size or prices.
 *
 * <p><b>The rule.</b> For each dimension, a customer's value {@code x} among the {@code n} scored
 * customers has {@code L} customers with a lower value and {@code E} (itself included) with an
 * equal one. Its percentile is the mid-rank one, {@code p = (L + E/2) / n}: the Hazen plotting
 * position {@code (rank − ½) / n} with tied values given their average rank, as rank statistics
 * (Spearman, Mann–Whitney) treat ties. The score is {@code 1 + floor(5p)}: quintile {@code k} holds
 * the percentiles {@code [(k−1)/5, k/5)}. Computed in integers: {@code 1 + 5(2L + E) / (2n)}.
 *
 * <p>Consequences: equal values always get equal scores (they share {@code L} and {@code E}); a
 * strictly higher value never gets a lower score; with distinct values and {@code n} a multiple of
 * 5, each score holds exactly {@code n/5} customers; a single customer, and customers who are all
 * equal, score 3 (the middle: there is nothing to tell them apart by); fewer than five distinct
 * customers spread over the scale (two score 2 and 4, three score 1, 3 and 5). A large tie
 * straddling a boundary lands wholly in the quintile of its middle.
 *
 * <p>Higher is better in every dimension: a later last booking, more bookings, a larger total.
 * Customers without bookings are not scored, and are not counted in {@code n}. The monetary values
 * of one scoring are in one currency.
 */
public final class RfmScorer {
    private static final int BUCKETS = RfmScore.MAX;

    private RfmScorer() {}

    /**
     * Scores the tenant's customers.
     *
     * @param inputs every customer of the tenant, once each; those without bookings come back as
     *     {@link RfmScoring#unscored()}
     * @throws io.ringstream.customers.model.ModelViolationException when an input belongs to
     *     another tenant, a customer is given twice, or the totals are in more than one currency
     */
    public static RfmScoring score(String tenant, Collection<RfmInput> inputs) {
        Violations v = new Violations();
        v.require(tenant, "tenant");
        Set<CustomerId> seen = new HashSet<>();
        Set<String> currencies = new TreeSet<>();
        List<RfmInput> scored = new ArrayList<>();
        List<CustomerId> unscored = new ArrayList<>();
        for (RfmInput in : inputs) {
            if (!in.tenant().equals(tenant)) {
                v.add("customer " + in.customerId() + " is of tenant " + in.tenant());
            }
            if (!seen.add(in.customerId())) {
                v.add("customer " + in.customerId() + " is given twice");
            }
            if (in.hasBookings()) {
                scored.add(in);
                currencies.add(in.currency().getCurrencyCode());
            } else {
                unscored.add(in.customerId());
            }
        }
        v.check(
                currencies.size() <= 1,
                "monetary values are in one currency, found " + String.join(", ", currencies));
        v.throwIfAny("RFM scoring of tenant " + tenant);

        int[] r = quintiles(scored, RfmInput::lastBookingAt);
        int[] f = quintiles(scored, RfmInput::bookings);
        int[] m = quintiles(scored, RfmInput::monetaryMinor);
        List<RfmScore> scores = new ArrayList<>(scored.size());
        for (int i = 0; i < scored.size(); i++) {
            scores.add(new RfmScore(scored.get(i).customerId(), r[i], f[i], m[i]));
        }
        return new RfmScoring(tenant, scores, unscored);
    }

    /**
     * The 1–5 score of each value by the mid-rank rule above, higher values scoring higher.
     * Package-private for the tests.
     */
    static <T, K extends Comparable<? super K>> int[] quintiles(List<T> items, Function<T, K> key) {
        int n = items.size();
        List<K> sorted = new ArrayList<>(n);
        for (T item : items) {
            sorted.add(key.apply(item));
        }
        Collections.sort(sorted);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            K x = key.apply(items.get(i));
            long lower = firstIndex(sorted, x, false);
            long equal = firstIndex(sorted, x, true) - lower;
            out[i] = (int) (1 + (BUCKETS * (2 * lower + equal)) / (2L * n));
        }
        return out;
    }

    /** The index of the first element {@code >= x} (or {@code > x} when {@code after}). */
    private static <K extends Comparable<? super K>> int firstIndex(
            List<K> sorted, K x, boolean after) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = sorted.get(mid).compareTo(x);
            if (c < 0 || (after && c == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
