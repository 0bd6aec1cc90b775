package io.ringstream.routing.screenpop;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A customer's current value and segment for the card, as the conversion job scored them; the
 * analytics store answers it. A separate source from {@link RecentContacts}, so a card can show one
 * without the other.
 */
public interface CustomerValues {

    /** Without an analytics store: no value. */
    CustomerValues NONE = (tenant, customerId) -> Optional.empty();

    /** The latest scores of the customer; empty when the job has not scored it. */
    Optional<Value> latest(String tenant, String customerId);

    /**
     * The customer's row of its latest {@code as_of} day.
     *
     * @param lifetimeValue expected value over the next 12 months in {@code currency}, to the cent;
     *     null until the tenant's first model fit
     * @param currency the bookings' currency, e.g. {@code EUR}; null when unknown
     * @param segment the RFM segment, e.g. {@code Champions}; null when none
     * @param rfm the three quintile scores, e.g. {@code 545}; null when none
     * @param asOf the day the scores are measured at, ISO-8601
     */
    record Value(
            @Nullable BigDecimal lifetimeValue,
            @Nullable String currency,
            @Nullable String segment,
            @Nullable String rfm,
            String asOf) {}
}
