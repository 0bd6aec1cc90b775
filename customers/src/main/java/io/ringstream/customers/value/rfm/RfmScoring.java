package io.ringstream.customers.value.rfm;

import io.ringstream.customers.model.CustomerId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The scores of one tenant's customers at one moment, with the customers left unscored, so a
 * dashboard can show both and two scorings can be compared ({@link RfmMovement}).
 *
 * @param scores one per customer with bookings, in the order the inputs were given
 * @param unscored the customers without bookings, in input order
 */
public record RfmScoring(String tenant, List<RfmScore> scores, List<CustomerId> unscored) {

    public RfmScoring {
        Objects.requireNonNull(tenant, "tenant");
        scores = List.copyOf(scores);
        unscored = List.copyOf(unscored);
    }

    /** The customer's scores, empty when it was unscored or not in this scoring. */
    public Optional<RfmScore> scoreOf(CustomerId customerId) {
        return scores.stream().filter(s -> s.customerId().equals(customerId)).findFirst();
    }

    /** The scores by customer, in input order. */
    public Map<CustomerId, RfmScore> byCustomer() {
        Map<CustomerId, RfmScore> out = new LinkedHashMap<>();
        scores.forEach(s -> out.put(s.customerId(), s));
        return out;
    }
}
