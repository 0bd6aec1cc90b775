package io.ringstream.customers.value;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Customers with the same history counted once, with a weight, so that the fits' likelihood sums
 * cost one term per distinct history rather than per customer, and the terms that depend on x alone
 * (log-gamma, log-beta: the expensive part) once per distinct x. A tenant's customers share
 * histories often: day-granular times and, above all, every one-time buyer of the same day.
 *
 * <p>Immutable; built by {@link #byHistory} for BG/NBD (x, t_x, T) or {@link #bySpend} for
 * Gamma-Gamma (x, mean value; x ≥ 1 only).
 */
public final class SummaryGroups {
    private final int[] x;
    private final double[] tx;
    private final double[] age;
    private final double[] meanValue;
    private final int[] weight;
    private final int maxX;
    private final int customers;

    private SummaryGroups(Map<List<Double>, int[]> groups, int customers) {
        int n = groups.size();
        this.x = new int[n];
        this.tx = new double[n];
        this.age = new double[n];
        this.meanValue = new double[n];
        this.weight = new int[n];
        int i = 0;
        int max = 0;
        for (Map.Entry<List<Double>, int[]> g : groups.entrySet()) {
            List<Double> key = g.getKey();
            x[i] = key.get(0).intValue();
            tx[i] = key.get(1);
            age[i] = key.get(2);
            meanValue[i] = key.get(3);
            weight[i] = g.getValue()[0];
            max = Math.max(max, x[i]);
            i++;
        }
        this.maxX = max;
        this.customers = customers;
    }

    /** Grouped by (x, t_x, T), what the BG/NBD likelihood reads; the mean value is dropped. */
    public static SummaryGroups byHistory(Collection<RepeatSummary> summaries) {
        Map<List<Double>, int[]> groups = new LinkedHashMap<>();
        for (RepeatSummary s : summaries) {
            add(groups, List.of((double) s.x(), s.tx(), s.age(), 0.0));
        }
        return new SummaryGroups(groups, summaries.size());
    }

    /** The customers with x ≥ 1 grouped by (x, mean value), what Gamma-Gamma reads. */
    public static SummaryGroups bySpend(Collection<RepeatSummary> summaries) {
        Map<List<Double>, int[]> groups = new LinkedHashMap<>();
        int customers = 0;
        for (RepeatSummary s : summaries) {
            if (s.x() >= 1) {
                add(groups, List.of((double) s.x(), 0.0, 0.0, s.meanValue()));
                customers++;
            }
        }
        return new SummaryGroups(groups, customers);
    }

    private static void add(Map<List<Double>, int[]> groups, List<Double> key) {
        groups.computeIfAbsent(key, k -> new int[1])[0]++;
    }

    /** Distinct histories. */
    public int size() {
        return x.length;
    }

    /** Customers, the sum of the weights. */
    public int customers() {
        return customers;
    }

    /** The largest x, so callers can tabulate the x-only terms in an array of maxX + 1. */
    public int maxX() {
        return maxX;
    }

    public int x(int group) {
        return x[group];
    }

    public double tx(int group) {
        return tx[group];
    }

    public double age(int group) {
        return age[group];
    }

    public double meanValue(int group) {
        return meanValue[group];
    }

    /** How many customers share the group's history. */
    public int weight(int group) {
        return weight[group];
    }

    /** Whether some group has this x (the x-only terms are computed for these only). */
    public boolean[] presentX() {
        boolean[] present = new boolean[maxX + 1];
        for (int v : x) {
            present[v] = true;
        }
        return present;
    }
}
