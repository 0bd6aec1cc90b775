package io.ringstream.routing.customers;

import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.customers.identity.Identity;
import io.ringstream.customers.model.Customer;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A customer as the API answers it, with its identities. {@code version} is also the {@code ETag};
 * {@code erasedAt} is set once a data-protection erasure anonymised the record.
 */
@Serdeable
public record CustomerView(
        String id,
        @Nullable String displayName,
        @Nullable String preferredLanguage,
        @Nullable String tier,
        ConsentsBody consents,
        Set<String> tags,
        Map<String, String> attributes,
        @Nullable String ownerAgent,
        List<IdentityView> identities,
        Instant createdAt,
        Instant updatedAt,
        long version,
        @Nullable Instant erasedAt) {

    static CustomerView of(Customer c, List<Identity> identities, Instant erasedAt) {
        return new CustomerView(
                c.id().toString(),
                c.displayName(),
                c.preferredLanguage(),
                c.tier(),
                ConsentsBody.of(c.consents()),
                c.tags(),
                c.attributes(),
                c.ownerAgent(),
                identities.stream().map(IdentityView::of).toList(),
                c.createdAt(),
                c.updatedAt(),
                c.version(),
                erasedAt);
    }

    /** The strong entity tag of this version, for {@code ETag} and {@code If-Match}. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
