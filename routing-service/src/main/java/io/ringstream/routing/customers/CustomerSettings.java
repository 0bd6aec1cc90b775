package io.ringstream.routing.customers;

import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.customers.identity.IdentityNormaliser;
import jakarta.annotation.Nullable;

/**
 * A tenant's customer settings: the region national phone numbers are read in, and whether an
 * unknown caller becomes a new lead customer. A tenant that never saved any gets {@link #DEFAULTS}.
 *
 * @param defaultRegion ISO 3166-1 alpha-2 code (upper case), or null: only international numbers
 * @param createUnknownCallers whether caller identification creates a customer for an unknown
 *     number (so no caller is lost)
 */
@Serdeable
public record CustomerSettings(@Nullable String defaultRegion, boolean createUnknownCallers) {
    public static final CustomerSettings DEFAULTS = new CustomerSettings(null, true);

    /** The normaliser for this tenant's identities. */
    public IdentityNormaliser normaliser() {
        return defaultRegion == null
                ? IdentityNormaliser.withoutDefaultRegion()
                : IdentityNormaliser.forRegion(defaultRegion);
    }
}
