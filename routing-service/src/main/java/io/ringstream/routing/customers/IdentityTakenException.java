package io.ringstream.routing.customers;

import io.ringstream.customers.identity.Identity;

/**
 * An identity another customer of the tenant holds already: the unique constraint refused it. The
 * transaction that tried is aborted (PostgreSQL refuses further statements), so the caller lets it
 * roll back and decides afterwards: return the holder, or answer 409.
 */
public final class IdentityTakenException extends RuntimeException {
    private final Identity identity;

    public IdentityTakenException(Identity identity, Throwable cause) {
        super("identity " + identity.key() + " belongs to another customer", cause);
        this.identity = identity;
    }

    public Identity identity() {
        return identity;
    }
}
