package io.ringstream.routing.screenpop;

import io.ringstream.events.Assignment;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.live.BoundedMap;
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
 * candidates the contact's caller identification recorded; then its recent contacts. PostgreSQL and
 * ClickHouse are each given {@code timeout} on a bounded executor: a slow PostgreSQL leaves the
 * card at the customer's id, a slow ClickHouse leaves it without recent contacts.
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
            Executor executor,
            Duration timeout,
            Duration ttl,
            InstantSource clock) {
        this.customers = customers;
        this.identifications = identifications;
        this.cards = cards;
        this.recent = recent;
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
                .thenCompose(card -> withRecentContacts(a, card));
    }

    private CompletableFuture<CustomerCard> withRecentContacts(
            Assignment a, @Nullable CustomerCard card) {
        if (card == null || card.customerId() == null) {
            return CompletableFuture.completedFuture(card);
        }
        List<String> ids = new ArrayList<>(List.of(card.customerId()));
        if (a.customerId() != null && !ids.contains(a.customerId())) {
            ids.add(a.customerId()); // the merged id the contact was routed with
        }
        return bounded(
                () ->
                        card.withLastContacts(
                                recent.latest(a.tenant(), ids, a.contactId(), LAST_CONTACTS)),
                card,
                "recent contacts of " + card.customerId());
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

    private CompletableFuture<CustomerCard> bounded(
            Supplier<CustomerCard> work, @Nullable CustomerCard fallback, String what) {
        CompletableFuture<CustomerCard> future;
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
