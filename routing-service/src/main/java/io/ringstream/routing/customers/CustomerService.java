package io.ringstream.routing.customers;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.identity.Identity;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.customers.identity.IdentityNormaliser;
import io.ringstream.customers.identity.Normalisation;
import io.ringstream.customers.model.Consents;
import io.ringstream.customers.model.Customer;
import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.model.ModelViolationException;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.events.topics.Topics;
import io.ringstream.routing.outbox.Outbox;
import io.ringstream.routing.web.ProblemException;
import jakarta.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Create, read, update, search and the identities of customers, behind {@link CustomerController}.
 * Every write locks the customer's row first ({@code SELECT ... FOR UPDATE}), checks the version,
 * bumps it and appends its change to the outbox in the same transaction, so a customer's changes
 * are totally ordered and each version is published once. Any id of a merged customer resolves to
 * its survivor.
 */
@Singleton
@Requires(beans = DataSource.class)
public class CustomerService {
    /** The largest search page. */
    public static final int MAX_LIMIT = 100;

    private final TransactionOperations<Connection> transactions;
    private final CustomerStore store;
    private final CustomerSettingsStore settings;
    private final CustomerCreation creation;
    private final Outbox outbox;
    private final Clock clock;

    public CustomerService(
            TransactionOperations<Connection> transactions,
            CustomerStore store,
            CustomerSettingsStore settings,
            CustomerCreation creation,
            Outbox outbox,
            Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.settings = settings;
        this.creation = creation;
        this.outbox = outbox;
        this.clock = clock;
    }

    public CustomerView create(String tenant, String actor, CustomerRequest body) {
        Instant now = now();
        IdentityNormaliser normaliser = settings.settings(tenant).normaliser();
        List<Identity> identities = identities(normaliser, body.identities());
        Customer draft = fields(Customer.builder(CustomerId.random(), tenant, now), body).build();
        try {
            return transactions.executeWrite(
                    status -> {
                        Customer created = creation.create(draft, identities, actor);
                        return CustomerView.of(created, identities, null);
                    });
        } catch (IdentityTakenException e) {
            throw CustomerProblems.taken(e.identity());
        }
    }

    public CustomerView get(String tenant, UUID id) {
        return transactions.executeRead(
                status -> {
                    UUID live = store.resolve(tenant, id).orElseThrow(() -> notFound(id));
                    StoredCustomer stored =
                            store.find(tenant, live).orElseThrow(() -> notFound(id));
                    return view(stored);
                });
    }

    public CustomerView update(
            String tenant, String actor, UUID id, CustomerRequest body, @Nullable String ifMatch) {
        long expected = IfMatch.required(ifMatch);
        if (body.identities() != null) {
            throw CustomerProblems.invalid(
                    List.of("identities are changed through /v1/customers/{id}/identities"));
        }
        Instant now = now();
        return transactions.executeWrite(
                status -> {
                    StoredCustomer stored = lockWritable(tenant, id);
                    Customer before = stored.customer();
                    if (expected != before.version()) {
                        throw CustomerProblems.stale(before.version());
                    }
                    Customer after =
                            fields(
                                            Customer.builder(before.id(), tenant, now)
                                                    .createdAt(before.createdAt()),
                                            body)
                                    .version(before.version() + 1)
                                    .build();
                    return write(after, before.version(), CustomerChangeType.UPDATED, actor);
                });
    }

    public CustomerView addIdentity(
            String tenant, String actor, UUID id, IdentityBody body, @Nullable String ifMatch) {
        IfMatch.version(ifMatch);
        Identity identity =
                identities(settings.settings(tenant).normaliser(), List.of(body)).get(0);
        Instant now = now();
        try {
            return transactions.executeWrite(
                    status -> {
                        StoredCustomer stored = lockWritable(tenant, id);
                        Customer before = stored.customer();
                        IfMatch.check(ifMatch, before.version());
                        UUID live = before.id().value();
                        var holder = store.holderOf(tenant, identity);
                        if (holder.isPresent()) {
                            if (holder.get().equals(live)) {
                                return view(stored);
                            }
                            throw CustomerProblems.taken(identity);
                        }
                        try {
                            store.insertIdentity(tenant, live, identity, now);
                        } catch (RuntimeException e) {
                            if (SqlErrors.isUniqueViolation(e)) {
                                throw new IdentityTakenException(identity, e);
                            }
                            throw e;
                        }
                        if (identity.primary()) {
                            store.clearOtherPrimaries(tenant, live, identity);
                        }
                        return bump(before, now, CustomerChangeType.IDENTITY_ADDED, actor);
                    });
        } catch (IdentityTakenException e) {
            throw CustomerProblems.taken(e.identity());
        }
    }

    public CustomerView removeIdentity(
            String tenant,
            String actor,
            UUID id,
            String kindName,
            String raw,
            @Nullable String ifMatch) {
        IfMatch.version(ifMatch);
        IdentityKind kind = kind(kindName);
        Normalisation normalised = settings.settings(tenant).normaliser().normalise(kind, raw);
        if (normalised instanceof Normalisation.Refused refused) {
            throw CustomerProblems.refused(refused);
        }
        String value = ((Normalisation.Accepted) normalised).value();
        Instant now = now();
        return transactions.executeWrite(
                status -> {
                    StoredCustomer stored = lockWritable(tenant, id);
                    Customer before = stored.customer();
                    IfMatch.check(ifMatch, before.version());
                    if (!store.deleteIdentity(tenant, before.id().value(), kind, value)) {
                        throw new ProblemException(
                                HttpStatus.NOT_FOUND,
                                "identity-not-found",
                                "Identity not found",
                                "the customer has no identity " + kind + ":" + value);
                    }
                    return bump(before, now, CustomerChangeType.IDENTITY_REMOVED, actor);
                });
    }

    /**
     * One page of customers: all of them (no filter), by name prefix, or by one identity in any
     * format its kind's rule reads. At most one filter.
     */
    public CustomerPage search(
            String tenant,
            @Nullable String name,
            @Nullable String phone,
            @Nullable String email,
            @Nullable String externalId,
            @Nullable Integer limit,
            @Nullable String cursor) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw CustomerProblems.badRequest("limit is between 1 and " + MAX_LIMIT);
        }
        long filters =
                java.util.stream.Stream.of(name, phone, email, externalId)
                        .filter(f -> f != null)
                        .count();
        if (filters > 1) {
            throw CustomerProblems.badRequest(
                    "search by one of name, phone, email or externalId at a time");
        }
        SearchCursor after =
                cursor == null || cursor.isBlank() ? null : SearchCursor.decode(cursor);
        CustomerQuery query;
        if (name != null) {
            if (name.isBlank()) {
                throw CustomerProblems.badRequest("name is a non-blank prefix");
            }
            query = new CustomerQuery.NamePrefix(name.strip().toLowerCase(Locale.ROOT));
        } else if (phone != null) {
            query = holders(tenant, IdentityKind.PHONE, phone);
        } else if (email != null) {
            query = holders(tenant, IdentityKind.EMAIL, email);
        } else if (externalId != null) {
            query = holders(tenant, IdentityKind.EXTERNAL_ID, externalId);
        } else {
            query = new CustomerQuery.All();
        }
        return transactions.executeRead(
                status -> {
                    List<CustomerStore.Found> found = store.search(tenant, query, after, size + 1);
                    List<CustomerStore.Found> page = found.subList(0, Math.min(size, found.size()));
                    Map<UUID, List<Identity>> identities =
                            store.identitiesOf(
                                    tenant,
                                    page.stream()
                                            .map(f -> f.customer().customer().id().value())
                                            .toList());
                    List<CustomerView> items = new ArrayList<>();
                    for (CustomerStore.Found f : page) {
                        StoredCustomer c = f.customer();
                        items.add(
                                CustomerView.of(
                                        c.customer(),
                                        identities.getOrDefault(
                                                c.customer().id().value(), List.of()),
                                        c.erasedAt()));
                    }
                    String next =
                            found.size() > size
                                    ? page.get(page.size() - 1).cursor().encode()
                                    : null;
                    return new CustomerPage(items, next);
                });
    }

    private CustomerQuery holders(String tenant, IdentityKind kind, String raw) {
        Normalisation normalised = settings.settings(tenant).normaliser().normalise(kind, raw);
        if (normalised instanceof Normalisation.Refused refused) {
            throw CustomerProblems.refused(refused);
        }
        Set<IdentityKind> kinds =
                kind.isPhoneNumber()
                        ? Set.of(IdentityKind.PHONE, IdentityKind.WHATSAPP)
                        : Set.of(kind);
        return new CustomerQuery.HoldersOf(kinds, ((Normalisation.Accepted) normalised).value());
    }

    /** The customer's row, locked; 404 if the tenant has none, 409 if it was erased. */
    private StoredCustomer lockWritable(String tenant, UUID id) {
        UUID live = store.resolve(tenant, id).orElseThrow(() -> notFound(id));
        StoredCustomer stored = store.lock(tenant, live).orElseThrow(() -> notFound(id));
        if (stored.erasedAt() != null) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "customer-erased",
                    "Customer erased",
                    "the customer's personal data was erased; it takes no new data");
        }
        return stored;
    }

    /** Bumps the version of a customer whose identities changed, and publishes the change. */
    private CustomerView bump(Customer before, Instant now, CustomerChangeType type, String actor) {
        Customer after = before.toBuilder().updatedAt(now).version(before.version() + 1).build();
        return write(after, before.version(), type, actor);
    }

    private CustomerView write(
            Customer after, long expected, CustomerChangeType type, String actor) {
        if (!store.update(after, expected)) {
            throw CustomerProblems.stale(expected);
        }
        List<Identity> identities = store.identitiesOf(after.tenant(), after.id().value());
        outbox.append(
                Topics.CUSTOMER_CHANGES,
                CustomerChanges.of(
                        type,
                        after,
                        after.version(),
                        identities,
                        null,
                        actor,
                        after.updatedAt().toEpochMilli()));
        return CustomerView.of(after, identities, null);
    }

    private CustomerView view(StoredCustomer stored) {
        Customer c = stored.customer();
        return CustomerView.of(
                c, store.identitiesOf(c.tenant(), c.id().value()), stored.erasedAt());
    }

    /** The request's fields on a builder; 422 listing every broken rule. */
    private static Customer.Builder fields(Customer.Builder builder, CustomerRequest body) {
        List<String> violations = new ArrayList<>();
        Consents consents =
                body.consents() == null ? Consents.UNKNOWN : body.consents().toConsents(violations);
        Customer.Builder filled =
                builder.displayName(body.displayName())
                        .preferredLanguage(body.preferredLanguage())
                        .tier(body.tier())
                        .consents(consents)
                        .tags(body.tags() == null ? Set.of() : body.tags())
                        .attributes(body.attributes() == null ? Map.of() : body.attributes())
                        .ownerAgent(body.ownerAgent());
        try {
            filled.build();
        } catch (ModelViolationException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw CustomerProblems.invalid(violations);
        }
        return filled;
    }

    /** Normalised identities; 422 on the first refused one or a key listed twice. */
    private static List<Identity> identities(
            IdentityNormaliser normaliser, @Nullable List<IdentityBody> bodies) {
        if (bodies == null) {
            return List.of();
        }
        List<Identity> identities = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (IdentityBody body : bodies) {
            if (body == null) {
                throw CustomerProblems.invalid(List.of("an identity is an object"));
            }
            Normalisation normalised = normaliser.normalise(kind(body.kind()), body.value());
            if (normalised instanceof Normalisation.Refused refused) {
                throw CustomerProblems.refused(refused);
            }
            Identity identity =
                    ((Normalisation.Accepted) normalised)
                            .toIdentity(
                                    Boolean.TRUE.equals(body.verified()),
                                    Boolean.TRUE.equals(body.primary()));
            if (!keys.add(identity.key())) {
                throw CustomerProblems.invalid(List.of(identity.key() + " is listed twice"));
            }
            identities.add(identity);
        }
        return identities;
    }

    private static IdentityKind kind(@Nullable String name) {
        try {
            return IdentityKind.valueOf(name == null ? "" : name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CustomerProblems.invalid(
                    List.of("kind is PHONE, EMAIL, WHATSAPP, INSTAGRAM or EXTERNAL_ID"));
        }
    }

    private static ProblemException notFound(UUID id) {
        return CustomerProblems.notFound(id);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
