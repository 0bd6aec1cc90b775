package io.ringstream.customers.value.rfm;

import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.model.Violations;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * What RFM needs to know about one customer of a tenant, summarised from its bookings, so the
 * scorer is fed the same way by a batch query, a streaming job or a test.
 *
 * @param tenant the customer's tenant: customers are scored only against their own tenant
 * @param lastBookingAt the time of the latest booking (recency); null exactly when {@code bookings}
 *     is 0
 * @param bookings how many bookings (frequency), at least 0; a customer with none is not scored
 * @param monetaryMinor the bookings' total value (monetary) in minor units of {@code currency}
 *     (cents for EUR, yen for JPY), at least 0; 0 when there are no bookings
 * @param currency ISO 4217, required with bookings, optional without
 */
public record RfmInput(
        String tenant,
        CustomerId customerId,
        Instant lastBookingAt,
        long bookings,
        long monetaryMinor,
        Currency currency) {

    public RfmInput {
        Violations v = new Violations();
        v.require(tenant, "tenant").require(customerId, "customerId");
        v.check(bookings >= 0, "bookings is not negative");
        v.check(monetaryMinor >= 0, "monetaryMinor is not negative");
        if (bookings > 0) {
            v.require(lastBookingAt, "lastBookingAt").require(currency, "currency");
        } else {
            v.check(lastBookingAt == null, "lastBookingAt is only for a customer with bookings");
            v.check(monetaryMinor == 0, "monetaryMinor is 0 without bookings");
        }
        v.throwIfAny("RFM input");
    }

    /** A customer without bookings: listed, never scored. */
    public static RfmInput withoutBookings(String tenant, CustomerId customerId) {
        return new RfmInput(tenant, customerId, null, 0, 0, null);
    }

    /**
     * An input whose total is a decimal amount, such as the {@code amount} of business events.
     *
     * @param total at least 0, with at most the currency's minor-unit digits ({@code 120.5} EUR is
     *     12050 minor units; {@code 1.5} JPY is refused)
     * @throws io.ringstream.customers.model.ModelViolationException listing every broken rule
     */
    public static RfmInput withTotal(
            String tenant,
            CustomerId customerId,
            Instant lastBookingAt,
            long bookings,
            BigDecimal total,
            Currency currency) {
        Violations v = new Violations();
        v.require(total, "total").require(currency, "currency");
        long minor = 0;
        if (total != null && currency != null) {
            int digits = currency.getDefaultFractionDigits();
            v.check(digits >= 0, "currency " + currency + " has minor units");
            v.check(total.signum() >= 0, "total is not negative");
            if (digits >= 0 && total.signum() >= 0) {
                BigDecimal scaled = total.movePointRight(digits);
                if (scaled.stripTrailingZeros().scale() > 0) {
                    v.add(
                            "total has at most "
                                    + digits
                                    + " decimals in "
                                    + currency.getCurrencyCode());
                } else {
                    try {
                        minor = scaled.longValueExact();
                    } catch (ArithmeticException e) {
                        v.add("total fits in a long of minor units");
                    }
                }
            }
        }
        v.throwIfAny("RFM input");
        return new RfmInput(tenant, customerId, lastBookingAt, bookings, minor, currency);
    }

    /** Whether the customer has bookings, and so gets scores. */
    public boolean hasBookings() {
        return bookings > 0;
    }
}
