package io.ringstream.routing.customers;

import io.ringstream.customers.identity.Identity;
import io.ringstream.customers.model.Customer;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import java.util.List;
import java.util.Map;

/** Builds the {@link CustomerChange} snapshot of a customer after a change, for the outbox. */
final class CustomerChanges {
    /** The {@code source} of every change event: the service that wrote the record. */
    static final String SOURCE = "routing-service";

    private CustomerChanges() {}

    /**
     * The change event for {@code customer} as it is after the change.
     *
     * @param version the record's version after the change (also in the event id)
     * @param mergedInto the survivor, for {@link CustomerChangeType#MERGED}; else null
     */
    static CustomerChange of(
            CustomerChangeType type,
            Customer customer,
            long version,
            List<Identity> identities,
            String mergedInto,
            String actor,
            long eventTime) {
        String tenant = customer.tenant();
        String id = customer.id().toString();
        return new CustomerChange(
                1,
                CustomerChange.idOf(tenant, id, version, type),
                type,
                tenant,
                id,
                eventTime,
                SOURCE,
                version,
                customer.displayName(),
                customer.preferredLanguage(),
                customer.tier(),
                customer.ownerAgent(),
                Map.of(
                        "phone", customer.consents().phone().name(),
                        "whatsapp", customer.consents().whatsapp().name(),
                        "email", customer.consents().email().name(),
                        "marketing", customer.consents().marketing().name()),
                List.copyOf(customer.tags()),
                customer.attributes(),
                identities.stream().map(Identity::key).sorted().toList(),
                mergedInto,
                actor,
                customer.createdAt().toEpochMilli());
    }
}
