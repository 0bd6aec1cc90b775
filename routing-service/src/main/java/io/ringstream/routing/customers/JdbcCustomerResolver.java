package io.ringstream.routing.customers;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.identity.Identity;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.customers.identity.Normalisation;
import io.ringstream.customers.model.Customer;
import io.ringstream.customers.model.CustomerId;
import jakarta.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@link CustomerResolver} over PostgreSQL. Each call is its own short transaction; findOrCreate
 * leans on the identity's primary key instead of a lock: it looks, creates if nobody holds the
 * identity, and when a concurrent creator wins the insert (unique violation) it rolls its own
 * transaction back and looks again, finding the winner.
 */
@Singleton
@Requires(beans = DataSource.class)
public class JdbcCustomerResolver implements CustomerResolver {
    /** Looks and creates at most this often: only a winner deleted in between makes it retry. */
    private static final int ATTEMPTS = 5;

    private static final Set<IdentityKind> PHONE_KINDS =
            EnumSet.of(IdentityKind.PHONE, IdentityKind.WHATSAPP);

    private final TransactionOperations<Connection> transactions;
    private final CustomerStore store;
    private final CustomerSettingsStore settings;
    private final CustomerCreation creation;
    private final Clock clock;

    public JdbcCustomerResolver(
            TransactionOperations<Connection> transactions,
            CustomerStore store,
            CustomerSettingsStore settings,
            CustomerCreation creation,
            Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.settings = settings;
        this.creation = creation;
        this.clock = clock;
    }

    @Override
    public Optional<UUID> resolveId(String tenant, UUID id) {
        return transactions.executeRead(status -> store.resolve(tenant, id));
    }

    @Override
    public IdentityMatch find(String tenant, IdentityKind kind, String raw) {
        return transactions.executeRead(status -> lookUp(tenant, kind, raw));
    }

    @Override
    public IdentityMatch findOrCreate(
            String tenant,
            IdentityKind kind,
            String raw,
            String actor,
            @Nullable String displayName) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            IdentityMatch found = find(tenant, kind, raw);
            if (!(found instanceof IdentityMatch.None)) {
                return found;
            }
            try {
                return transactions.executeWrite(
                        status -> create(tenant, kind, raw, actor, displayName));
            } catch (IdentityTakenException e) {
                // A concurrent create won the identity and its transaction rolled ours back:
                // the next look finds the winner.
            }
        }
        throw new IllegalStateException(
                "identity of kind " + kind + " kept changing owner during " + ATTEMPTS + " tries");
    }

    private IdentityMatch create(
            String tenant, IdentityKind kind, String raw, String actor, String displayName) {
        Normalisation normalised = settings.settings(tenant).normaliser().normalise(kind, raw);
        if (normalised instanceof Normalisation.Refused refused) {
            return new IdentityMatch.Refused(refused.reason(), refused.message());
        }
        Identity identity = ((Normalisation.Accepted) normalised).toIdentity(false, true);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Customer created =
                creation.create(
                        Customer.create(CustomerId.random(), tenant, displayName, now),
                        List.of(identity),
                        actor);
        return new IdentityMatch.Created(created.id().value());
    }

    private IdentityMatch lookUp(String tenant, IdentityKind kind, String raw) {
        Normalisation normalised = settings.settings(tenant).normaliser().normalise(kind, raw);
        if (normalised instanceof Normalisation.Refused refused) {
            return new IdentityMatch.Refused(refused.reason(), refused.message());
        }
        String value = ((Normalisation.Accepted) normalised).value();
        Set<IdentityKind> kinds = kind.isPhoneNumber() ? PHONE_KINDS : EnumSet.of(kind);
        List<UUID> holders = store.holdersOf(tenant, kinds, value);
        return switch (holders.size()) {
            case 0 -> new IdentityMatch.None(value);
            case 1 -> new IdentityMatch.One(holders.get(0));
            default -> new IdentityMatch.Many(holders);
        };
    }
}
