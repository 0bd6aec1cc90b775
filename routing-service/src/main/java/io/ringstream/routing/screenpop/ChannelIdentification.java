package io.ringstream.routing.screenpop;

import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.events.topics.Components;
import io.ringstream.routing.contract.ChannelIdentity;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.IdentityMatch;
import java.util.Locale;

/**
 * Links a chat or messaging contact to a customer by the identity its channel reported, blocking:
 * the recorded answer when an earlier ask made one, else {@link CustomerResolver#findOrCreate}
 * (actor {@code channel-gateway}: a visitor who gives an e-mail becomes a customer record), and the
 * record, so every ask of the contact gets the same answer and the card can list candidates. {@link
 * IdentificationDeadline} runs it off the request thread with a deadline.
 */
public final class ChannelIdentification {
    /** Who creates the customers of unknown identities, for their change events. */
    public static final String ACTOR = Components.CHANNEL_GATEWAY;

    private final CustomerResolver customers;
    private final ContactIdentificationStore store;

    public ChannelIdentification(CustomerResolver customers, ContactIdentificationStore store) {
        this.customers = customers;
        this.store = store;
    }

    /** The customer of {@code contactId}; fails with InvalidIdentityException when refused. */
    public Identification identify(String tenant, String contactId, ChannelIdentity identity) {
        var recorded = store.find(tenant, contactId);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        IdentityKind kind = IdentityKind.valueOf(identity.kind().toUpperCase(Locale.ROOT));
        IdentityMatch match =
                customers.findOrCreate(
                        tenant, kind, identity.value(), ACTOR, identity.displayName());
        return store.record(tenant, contactId, identification(kind, match));
    }

    private static Identification identification(IdentityKind kind, IdentityMatch match) {
        if (match instanceof IdentityMatch.One one) {
            return Identification.of(one.customerId());
        }
        if (match instanceof IdentityMatch.Created created) {
            return Identification.of(created.customerId());
        }
        if (match instanceof IdentityMatch.Many many) {
            return Identification.ambiguous(many.customerIds());
        }
        if (match instanceof IdentityMatch.Refused refused) {
            throw new InvalidIdentityException(
                    "identity is not a valid " + kind + ": " + refused.message());
        }
        return Identification.UNKNOWN;
    }
}
