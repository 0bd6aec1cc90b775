package io.ringstream.flink.conversion.value;

import io.ringstream.customers.value.CustomerValueDay;
import java.util.List;

/**
 * One {@code customer_value_days} row (V063): a tenant's customers as of a scoring day, summed, so
 * the Customers dashboard reads one row instead of every customer's {@code customer_value} rows.
 * Written after every rescoring; the day's latest (highest {@code version}) is the day's summary.
 * Flat arrays, parallel per group, so Flink serializes it as a POJO and the table keeps one row per
 * day.
 */
public record CustomerValueDayRow(
        String tenant,
        long asOfMillis,
        long customers,
        String[] segments,
        long[] segmentCustomers,
        double[] segmentMonetarySum,
        long[] segmentClvCustomers,
        double[] segmentClvSum,
        long[] segmentAliveCustomers,
        double[] segmentAliveSum,
        long[] segmentPurchasesCustomers,
        double[] segmentPurchasesSum,
        int[] aliveBands,
        long[] aliveBandCustomers,
        int[] movementDays,
        String[] movementFrom,
        String[] movementTo,
        long[] movementCustomers,
        long version,
        long updatedAtMillis) {

    /** The row of {@code day}; bands without customers are left out. */
    public static CustomerValueDayRow of(
            String tenant, long asOfMillis, CustomerValueDay day, long version, long now) {
        List<CustomerValueDay.Segment> s = day.segments();
        int n = s.size();
        String[] names = new String[n];
        long[] customers = new long[n];
        double[] monetary = new double[n];
        long[] clvN = new long[n];
        double[] clv = new double[n];
        long[] aliveN = new long[n];
        double[] alive = new double[n];
        long[] purchasesN = new long[n];
        double[] purchases = new double[n];
        for (int i = 0; i < n; i++) {
            CustomerValueDay.Segment g = s.get(i);
            names[i] = g.segment();
            customers[i] = g.customers();
            monetary[i] = g.monetarySum();
            clvN[i] = g.clvCustomers();
            clv[i] = g.clvSum();
            aliveN[i] = g.aliveCustomers();
            alive[i] = g.aliveSum();
            purchasesN[i] = g.purchasesCustomers();
            purchases[i] = g.purchasesSum();
        }
        long[] all = day.aliveBands();
        int bands = 0;
        for (long b : all) {
            bands += b > 0 ? 1 : 0;
        }
        int[] band = new int[bands];
        long[] bandN = new long[bands];
        for (int i = 0, j = 0; i < all.length; i++) {
            if (all[i] > 0) {
                band[j] = i;
                bandN[j++] = all[i];
            }
        }
        List<CustomerValueDay.Move> m = day.moves();
        int k = m.size();
        int[] days = new int[k];
        String[] from = new String[k];
        String[] to = new String[k];
        long[] moved = new long[k];
        for (int i = 0; i < k; i++) {
            days[i] = m.get(i).days();
            from[i] = m.get(i).from();
            to[i] = m.get(i).to();
            moved[i] = m.get(i).customers();
        }
        return new CustomerValueDayRow(
                tenant,
                asOfMillis,
                day.customers(),
                names,
                customers,
                monetary,
                clvN,
                clv,
                aliveN,
                alive,
                purchasesN,
                purchases,
                band,
                bandN,
                days,
                from,
                to,
                moved,
                version,
                now);
    }
}
