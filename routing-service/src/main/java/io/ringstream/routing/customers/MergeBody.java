package io.ringstream.routing.customers;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.Nullable;

/** The body of a merge: the customer to merge into the path's survivor, and why. */
@Serdeable
public record MergeBody(String mergedId, @Nullable String reason) {}
