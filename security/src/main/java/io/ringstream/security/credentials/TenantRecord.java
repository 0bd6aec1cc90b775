package io.ringstream.security.credentials;

import io.ringstream.security.Caller;
import io.ringstream.security.endpoints.EndpointPolicy;

/**
 * A tenant and the dial strings its agents' endpoints may take (see {@link EndpointPolicy}). A
 * tenant that is not listed gets the default policy.
 */
public record TenantRecord(String name, EndpointPolicy endpoints) {
    public TenantRecord {
        Caller.of("tenant", name); // validates the name
    }
}
