package io.ringstream.routing.customers;

import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.customers.identity.Identity;

/** An identity as the API shows it: the normalised value and the raw form it was given in. */
@Serdeable
public record IdentityView(
        String kind, String value, String raw, boolean verified, boolean primary) {
    static IdentityView of(Identity i) {
        return new IdentityView(i.kind().name(), i.value(), i.raw(), i.verified(), i.primary());
    }
}
