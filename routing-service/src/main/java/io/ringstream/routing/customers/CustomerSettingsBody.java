package io.ringstream.routing.customers;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;

/** The body of {@code PUT /v1/admin/customer-settings}; absent values take their defaults. */
@Serdeable
public record CustomerSettingsBody(
        @Nullable @Schema(example = "ES") String defaultRegion,
        @Nullable Boolean createUnknownCallers) {}
