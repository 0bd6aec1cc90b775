package io.ringstream.customers.value;

import io.ringstream.customers.value.bgnbd.BgNbdModel;
import io.ringstream.customers.value.gammagamma.GammaGammaModel;
import java.util.Objects;

/**
 * A customer's expected value over the next 12 months, the number the customer card shows: the
 * BG/NBD model's expected purchases times the Gamma-Gamma model's expected value per purchase,
 * optionally discounted month by month.
 *
 * <pre>
 * undiscounted: E[Y(52) | x, t_x, T] · E[Z | x, m]
 * discounted:   Σ_{k=1..12} (E[Y(k·w)] − E[Y((k−1)·w)]) · E[Z | x, m] / (1 + d)^k,  w = 52/12 weeks
 * </pre>
 *
 * With d = 0 the discounted sum telescopes to the undiscounted value.
 */
public final class CustomerValue {

    /** The horizon: 12 months of 52/12 weeks each. */
    public static final int MONTHS = 12;

    public static final double WEEKS_PER_YEAR = 52;
    public static final double WEEKS_PER_MONTH = WEEKS_PER_YEAR / MONTHS;

    private final BgNbdModel purchases;
    private final GammaGammaModel spend;

    public CustomerValue(BgNbdModel purchases, GammaGammaModel spend) {
        this.purchases = Objects.requireNonNull(purchases, "the BG/NBD model is required");
        this.spend = Objects.requireNonNull(spend, "the Gamma-Gamma model is required");
    }

    /** The expected value of the customer's purchases in the next 52 weeks, undiscounted. */
    public double expected12Months(RepeatSummary s) {
        return purchases.expectedPurchases(s, WEEKS_PER_YEAR) * spend.expectedValue(s);
    }

    /**
     * The expected value of the customer's purchases in the next 12 months, each month's expected
     * purchases discounted by {@code (1 + monthlyDiscountRate)^month}.
     *
     * @param monthlyDiscountRate the discount rate per month, e.g. 0.01; 0 for none
     */
    public double expected12Months(RepeatSummary s, double monthlyDiscountRate) {
        if (!(monthlyDiscountRate >= 0) || !Double.isFinite(monthlyDiscountRate)) {
            throw new IllegalArgumentException(
                    "monthly discount rate must be a finite number >= 0, was "
                            + monthlyDiscountRate);
        }
        double value = spend.expectedValue(s);
        double total = 0;
        double before = 0;
        for (int month = 1; month <= MONTHS; month++) {
            double until = purchases.expectedPurchases(s, month * WEEKS_PER_MONTH);
            total += (until - before) * value / Math.pow(1 + monthlyDiscountRate, month);
            before = until;
        }
        return total;
    }
}
