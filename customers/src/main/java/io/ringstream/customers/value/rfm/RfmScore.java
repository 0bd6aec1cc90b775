package io.ringstream.customers.value.rfm;

import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.model.Violations;

/**
 * One customer's three RFM scores, each 1 (worst) to 5 (best), kept together because segments are
 * defined on their combination.
 *
 * @param recency 5 for the most recent last booking
 * @param frequency 5 for the most bookings
 * @param monetary 5 for the highest total value
 */
public record RfmScore(CustomerId customerId, int recency, int frequency, int monetary) {
    public static final int MIN = 1;
    public static final int MAX = 5;

    public RfmScore {
        Violations v = new Violations();
        v.require(customerId, "customerId");
        v.check(inRange(recency), "recency is 1 to 5");
        v.check(inRange(frequency), "frequency is 1 to 5");
        v.check(inRange(monetary), "monetary is 1 to 5");
        v.throwIfAny("RFM score");
    }

    static boolean inRange(int score) {
        return score >= MIN && score <= MAX;
    }

    /** The usual three-digit code, recency first: {@code "543"}. */
    public String code() {
        return "" + recency + frequency + monetary;
    }
}
