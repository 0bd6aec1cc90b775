package io.ringstream.routing.customers;

import io.ringstream.customers.identity.IdentityKind;
import jakarta.annotation.Nullable;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds which customer an id or an identity names within a tenant, for everything that meets
 * customers from outside: caller identification, business events from booking systems, the
 * timeline. Another tenant's customer is simply not found, so its ids leak nothing.
 */
public interface CustomerResolver {

    /**
     * The live customer {@code id} names in {@code tenant}, following merge redirects (a merged id
     * resolves to its survivor); empty when the tenant has no such customer.
     */
    Optional<UUID> resolveId(String tenant, UUID id);

    /**
     * The customers holding an identity, normalised with the tenant's default region. A phone
     * number matches both the PHONE and the WHATSAPP identity of that number, so it can name two
     * customers: the caller decides, nothing is linked silently.
     */
    IdentityMatch find(String tenant, IdentityKind kind, String raw);

    /**
     * The customer holding the identity, or a new customer created with it (and a lead-less record:
     * the caller adds a lead if it wants one). Safe under concurrency: two callers racing to create
     * the same identity get the same customer, by the identity's unique constraint.
     *
     * @param actor who causes the creation, for the change event (a user's subject or a component)
     * @param displayName the new customer's name, when known
     * @return the match that was found, or {@link IdentityMatch.Created}
     */
    IdentityMatch findOrCreate(
            String tenant,
            IdentityKind kind,
            String raw,
            String actor,
            @Nullable String displayName);
}
