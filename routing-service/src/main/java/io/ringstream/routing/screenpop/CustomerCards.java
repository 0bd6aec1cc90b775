package io.ringstream.routing.screenpop;

import io.ringstream.events.Assignment;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.live.BoundedMap;
import io.ringstream.routing.screenpop.CustomerCard.RecentContact;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the card of an OFFERED assignment: the offer's customer (following merges), else the
 * candidates the contact's caller identification recorded; then, in parallel, its recent contacts
 * and its value and segment. PostgreSQL and each ClickHouse read are given {@code timeout} on a
 * bounded executor: a slow PostgreSQL leaves the card at the customer's id, a slow or failing
 * ClickHouse leaves it without recent contacts or without value and segment.
 *
 * <p>Cards are cached per offer for {@code ttl} (at most {@link #MAX_CACHED} offers), so a desktop
 * that reconnects and gets its pending offers again does not query again; a card lives as long as
 * an offer rings, which is why the cache is short.
 */
public final class CustomerCards implements ScreenPop {
    static final int MAX_CACHED = 10_000;
    static final int LAST_CONTACTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(CustomerCards.class);

    private final CustomerResolver customers;
    private final ContactIdentificationStore identifications;
    private final CustomerCardStore cards;
    private final RecentContacts recent;
    private final CustomerValues values;
    private final Executor executor;
    private final Duration timeout;
    private final Duration ttl;
    private final InstantSource clock;
    private final Map<String, Cached> cache = new BoundedMap<>(MAX_CACHED);

    private record Cached(long loadedAt, CompletableFuture<CustomerCard> card) {}

    public CustomerCards(
            CustomerResolver customers,
            ContactIdentificationStore identifications,
            CustomerCardStore cards,
            RecentContacts recent,
            CustomerValues values,
            Executor executor,
            Duration timeout,
            Duration ttl,
            InstantSource clock) {
        this.customers = customers;
        this.identifications = identifications;
        this.cards = cards;
        this.recent = recent;
        this.values = values;
        this.executor = executor;
        this.timeout = timeout;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<CustomerCard> cardFor(Assignment offered) {
        String key = offered.tenant() + '\u001f' + offered.offerId();
        long now = clock.millis();
        synchronized (cache) {
            Cached cached = cache.get(key);
            if (cached != null && now - cached.loadedAt() < ttl.toMillis()) {
                return cached.card();
            }
            CompletableFuture<CustomerCard> card = load(offered);
            cache.put(key, new Cached(now, card));
            return card;
        }
    }

    private CompletableFuture<CustomerCard> load(Assignment a) {
        CustomerCard idOnly = a.customerId() == null ? null : CustomerCard.idOnly(a.customerId());
        return bounded(() -> fromPostgres(a), idOnly, "customer " + a.customerId())
                .thenCompose(card -> withClickHouse(a, card));
    }

    /** The card with its recent contacts and its value, both read at once. */
    private CompletableFuture<CustomerCard> withClickHouse(
            Assignment a, @Nullable CustomerCard card) {
        if (card == null || card.customerId() == null) {
            return CompletableFuture.completedFuture(card);
        }
        List<String> ids = new ArrayList<>(List.of(card.customerId()));
        if (a.customerId() != null && !ids.contains(a.customerId())) {
            ids.add(a.customerId()); // the merged id the contact was routed with
        }
        CompletableFuture<List<RecentContact>> contacts =
                bounded(
                        () -> recent.latest(a.tenant(), ids, a.contactId(), LAST_CONTACTS),
                        card.lastContacts(),
                        "recent contacts of " + card.customerId());
        // The survivor's own row: the job folds a merged customer's purchases into the survivor.
        CompletableFuture<Optional<CustomerValues.Value>> value =
                bounded(
                        () -> values.latest(a.tenant(), card.customerId()),
                        Optional.empty(),
                        "value of " + card.customerId());
        return contacts.thenCombine(
                value,
                (last, v) -> {
                    CustomerCard withContacts = card.withLastContacts(last);
                    return v.map(withContacts::withValue).orElse(withContacts);
                });
    }

    /** The PostgreSQL part; null when the offer has no customer and no candidates. */
    @Nullable
    private CustomerCard fromPostgres(Assignment a) {
        UUID given = uuid(a.customerId());
        Identification recorded =
                given != null
                        ? Identification.UNKNOWN
                        : identifications
                                .find(a.tenant(), a.contactId())
                                .orElse(Identification.UNKNOWN);
        UUID id = given != null ? given : recorded.customerId();
        if (id != null) {
            Optional<UUID> live = customers.resolveId(a.tenant(), id);
            return live.flatMap(l -> cards.card(a.tenant(), l)).orElse(null);
        }
        if (!recorded.candidates().isEmpty()) {
            return cards.candidates(a.tenant(), recorded.candidates());
        }
        // An id the PBX named that is not one of ours (another CRM's key): show it as it is.
        return a.customerId() == null ? null : CustomerCard.idOnly(a.customerId());
    }

    private <T> CompletableFuture<T> bounded(Supplier<T> work, @Nullable T fallback, String what) {
        CompletableFuture<T> future;
        try {
            future = CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException full) {
            LOG.warn("card: {} not read, too many reads pending", what);
            return CompletableFuture.completedFuture(fallback);
        }
        return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(
                        e -> {
                            LOG.warn("card: {} not read: {}", what, e.toString());
                            return fallback;
                        });
    }

    @Nullable
    private static UUID uuid(@Nullable String id) {
        if (id == null) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }
}
