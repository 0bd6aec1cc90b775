package io.ringstream.customers.value;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One purchase of a customer as the value models see it: a day and an amount. Bookings and payments
 * map to this, so the models never learn where purchases come from.
 *
 * @param date the day of the purchase (the tenant's calendar day)
 * @param amount what was paid, zero or more, in the tenant's currency
 */
public record DatedPurchase(LocalDate date, double amount) {

    public DatedPurchase {
        Objects.requireNonNull(date, "purchase date is required");
        if (!Double.isFinite(amount) || amount < 0) {
            throw new IllegalArgumentException(
                    "purchase amount must be a finite number >= 0, was " + amount);
        }
    }
}
