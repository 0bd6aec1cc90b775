package io.ringstream.routing.customers;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionDefinition.Propagation;
import io.micronaut.transaction.annotation.Transactional;
import io.ringstream.customers.identity.Identity;
import io.ringstream.customers.model.Customer;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.events.topics.Topics;
import io.ringstream.routing.outbox.Outbox;
import jakarta.inject.Singleton;
import java.util.List;
import javax.sql.DataSource;

/**
 * The one way a customer comes into existence: its row, its identities and its CREATED change in
 * the outbox, in the caller's transaction. Caller identification ({@link JdbcCustomerResolver}) and
 * {@code POST /v1/customers} both use it, so a created customer looks the same whoever made it.
 */
@Singleton
@Requires(beans = DataSource.class)
public class CustomerCreation {
    private final CustomerStore store;
    private final Outbox outbox;

    public CustomerCreation(CustomerStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /**
     * Writes a new customer with its identities and appends its CREATED change.
     *
     * @param draft the new customer (its version is ignored: a stored customer starts at 1)
     * @return the customer as stored, version 1
     * @throws IdentityTakenException when another customer holds one of the identities (checked by
     *     the unique constraint, so a concurrent create is caught too); the transaction is then
     *     aborted and must roll back
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Customer create(Customer draft, List<Identity> identities, String actor) {
        Customer customer = draft.toBuilder().version(1).build();
        store.insert(customer);
        for (Identity identity : identities) {
            try {
                store.insertIdentity(
                        customer.tenant(), customer.id().value(), identity, customer.createdAt());
            } catch (RuntimeException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new IdentityTakenException(identity, e);
                }
                throw e;
            }
        }
        outbox.append(
                Topics.CUSTOMER_CHANGES,
                CustomerChanges.of(
                        CustomerChangeType.CREATED,
                        customer,
                        1,
                        identities,
                        null,
                        actor,
                        customer.createdAt().toEpochMilli()));
        return customer;
    }
}
