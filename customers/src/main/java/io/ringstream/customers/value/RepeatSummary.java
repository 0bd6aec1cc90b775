package io.ringstream.customers.value;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the BG/NBD and Gamma-Gamma models need to know about one customer: how often and how
 * recently they bought in the calibration period, how long we have known them, and what a repeat
 * purchase was worth. Times are in weeks from the customer's first purchase.
 *
 * @param x the number of repeat purchases: purchase days after the first one (several purchases on
 *     one day count once)
 * @param tx t<sub>x</sub>, the time of the last repeat purchase, 0 when x = 0
 * @param age T, the time from the first purchase to the end of the calibration period
 * @param meanValue the mean value of the repeat purchases (a day's purchases summed), 0 when x = 0
 */
public record RepeatSummary(int x, double tx, double age, double meanValue) {

    /** Days per week: the models' time unit is the week. */
    public static final double DAYS_PER_WEEK = 7.0;

    public RepeatSummary {
        if (x < 0) {
            throw new IllegalArgumentException("x (repeat purchases) must be >= 0, was " + x);
        }
        if (!Double.isFinite(age) || age < 0) {
            throw new IllegalArgumentException("T (age) must be a finite number >= 0, was " + age);
        }
        if (!Double.isFinite(tx) || tx < 0 || tx > age) {
            throw new IllegalArgumentException(
                    "t_x must lie between 0 and T = " + age + ", was " + tx);
        }
        if (x == 0 && tx != 0) {
            throw new IllegalArgumentException("t_x must be 0 when x = 0, was " + tx);
        }
        if (!Double.isFinite(meanValue) || meanValue < 0) {
            throw new IllegalArgumentException(
                    "mean repeat value must be a finite number >= 0, was " + meanValue);
        }
    }

    /**
     * A customer's summary at the end of a calibration period, from their dated purchases.
     * Purchases after {@code calibrationEnd} are ignored; purchases on it count.
     *
     * @return empty when the customer made no purchase on or before {@code calibrationEnd}
     */
    public static Optional<RepeatSummary> of(
            Collection<DatedPurchase> purchases, LocalDate calibrationEnd) {
        Objects.requireNonNull(purchases, "purchases are required");
        Objects.requireNonNull(calibrationEnd, "calibration end date is required");
        TreeMap<LocalDate, Double> byDay = new TreeMap<>();
        for (DatedPurchase p : purchases) {
            Objects.requireNonNull(p, "a purchase is null");
            if (!p.date().isAfter(calibrationEnd)) {
                byDay.merge(p.date(), p.amount(), Double::sum);
            }
        }
        if (byDay.isEmpty()) {
            return Optional.empty();
        }
        LocalDate first = byDay.firstKey();
        LocalDate last = byDay.lastKey();
        List<Double> repeatValues = new ArrayList<>(byDay.tailMap(first, false).values());
        int x = repeatValues.size();
        double mean = x == 0 ? 0 : repeatValues.stream().mapToDouble(Double::doubleValue).sum() / x;
        return Optional.of(
                new RepeatSummary(x, weeks(first, last), weeks(first, calibrationEnd), mean));
    }

    private static double weeks(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / DAYS_PER_WEEK;
    }
}
