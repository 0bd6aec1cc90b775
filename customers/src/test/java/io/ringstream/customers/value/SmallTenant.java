package io.ringstream.customers.value;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A small tenant's purchase histories, repeatable from a seed: customers who buy every few weeks
 * for a while and then stop, with varied spend, so both models can be fitted on a few dozen.
 */
public final class SmallTenant {
    private SmallTenant() {}

    /** {@code n} customers' purchases (minor units) from {@code firstDay} over about a year. */
    public static Map<String, PurchaseHistory> histories(int n, long firstDay) {
        Map<String, PurchaseHistory> out = new LinkedHashMap<>();
        Random random = new Random(11);
        for (int i = 0; i < n; i++) {
            PurchaseHistory h = PurchaseHistory.empty();
            long day = firstDay + random.nextInt(120);
            int purchases = 1 + random.nextInt(i % 3 == 0 ? 1 : 8);
            long spend = 1_000 + random.nextInt(9_000);
            for (int k = 0; k < purchases; k++) {
                h.add(day, spend + random.nextInt(2_000));
                day += 7 + random.nextInt(40);
            }
            out.put("c" + i, h);
        }
        return out;
    }

    public static long lastDay(Map<String, PurchaseHistory> histories) {
        return histories.values().stream()
                .mapToLong(h -> h.lastDay().toEpochDay())
                .max()
                .orElseThrow();
    }
}
