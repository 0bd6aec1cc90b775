package io.ringstream.routing.screenpop;

import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.events.Channel;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.IdentityMatch;
import io.ringstream.routing.screenpop.IdentificationRules.CreateCustomerAndLead;
import io.ringstream.routing.screenpop.IdentificationRules.Settled;

/**
 * Identifies a contact's caller by number, blocking: the recorded answer when an earlier ask made
 * one, else a lookup with {@link CustomerResolver} (PHONE, which also matches WhatsApp identities,
 * in the tenant's region), the decision of {@link IdentificationRules}, and the record. {@link
 * IdentificationDeadline} runs it off the request thread with a deadline.
 */
public final class CallerIdentification {
    private final CustomerResolver customers;
    private final ContactIdentificationStore store;

    public CallerIdentification(CustomerResolver customers, ContactIdentificationStore store) {
        this.customers = customers;
        this.store = store;
    }

    /** Who the caller of {@code contactId} is; the same answer for every ask of that contact. */
    public Identification identify(
            String tenant, String contactId, String callerNumber, Channel channel) {
        ContactIdentificationStore.Prior prior = store.prior(tenant, contactId);
        if (prior.recorded().isPresent()) {
            return prior.recorded().get();
        }
        IdentityMatch found = customers.find(tenant, IdentityKind.PHONE, callerNumber);
        IdentificationRules.Decision decision =
                IdentificationRules.decide(found, prior.createUnknownCallers());
        if (decision instanceof Settled settled) {
            return store.record(tenant, contactId, settled.identification());
        }
        if (!(decision instanceof CreateCustomerAndLead)) {
            throw new IllegalStateException("unhandled decision " + decision);
        }
        IdentityMatch created =
                customers.findOrCreate(
                        tenant,
                        IdentityKind.PHONE,
                        callerNumber,
                        ContactIdentificationStore.ACTOR,
                        null);
        Identification identification =
                IdentificationRules.afterCreation(
                        created, IdentificationRules.leadIdOf(tenant, contactId));
        return store.recordWithLead(
                tenant, contactId, identification, IdentificationRules.sourceChannelOf(channel));
    }
}
