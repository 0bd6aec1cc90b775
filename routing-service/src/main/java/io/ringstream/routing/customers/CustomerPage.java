package io.ringstream.routing.customers;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.Nullable;
import java.util.List;

/**
 * One page of a customer search.
 *
 * @param next the opaque cursor of the next page ({@code ?cursor=}), or null on the last page
 */
@Serdeable
public record CustomerPage(List<CustomerView> items, @Nullable String next) {}
