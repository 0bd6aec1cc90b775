package io.ringstream.routing.customers;

import io.ringstream.customers.model.Customer;
import jakarta.annotation.Nullable;
import java.time.Instant;

/**
 * A customer row as stored: the model record plus what only storage knows.
 *
 * @param erasedAt when a data-protection erasure anonymised it, or null
 */
public record StoredCustomer(Customer customer, @Nullable Instant erasedAt) {}
