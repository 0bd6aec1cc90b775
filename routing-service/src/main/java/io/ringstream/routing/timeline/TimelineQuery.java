package io.ringstream.routing.timeline;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.UUID;

/**
 * What every source is asked for one page: the newest {@code limit} items strictly before {@code
 * before} (from the start when null) of the customer, whose records may still carry any of {@code
 * customerIds}: the customer's own id first, then every merged id that redirects to it (a merge
 * moves the contact history to the survivor, but ClickHouse rows keep the id they were written
 * with).
 */
public record TimelineQuery(
        String tenant, List<UUID> customerIds, @Nullable TimelineCursor before, int limit) {
    public TimelineQuery {
        customerIds = List.copyOf(customerIds);
        if (customerIds.isEmpty() || limit < 1) {
            throw new IllegalArgumentException("a query needs a customer id and a positive limit");
        }
    }

    /** The customer's own (surviving) id. */
    public UUID customerId() {
        return customerIds.get(0);
    }

    /** The ids as text, for SQL parameters. */
    List<String> idTexts() {
        return customerIds.stream().map(UUID::toString).toList();
    }

    /** {@code ?, ?, ...}: one placeholder per customer id. */
    String idPlaceholders() {
        return String.join(", ", java.util.Collections.nCopies(customerIds.size(), "?"));
    }
}
