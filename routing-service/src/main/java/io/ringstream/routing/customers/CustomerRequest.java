package io.ringstream.routing.customers;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /v1/customers} and {@code PUT /v1/customers/{id}}: the customer's own
 * fields. PUT replaces them all (an absent field becomes empty); identities are only taken on
 * create, and changed later through the identities sub-resource.
 */
@Serdeable
@Schema(description = "A customer's fields; identities on create only")
public record CustomerRequest(
        @Nullable @Schema(example = "Ana García") String displayName,
        @Nullable @Schema(example = "es-ES") String preferredLanguage,
        @Nullable @Schema(example = "gold") String tier,
        @Nullable ConsentsBody consents,
        @Nullable Set<String> tags,
        @Nullable Map<String, String> attributes,
        @Nullable String ownerAgent,
        @Nullable List<IdentityBody> identities) {}
