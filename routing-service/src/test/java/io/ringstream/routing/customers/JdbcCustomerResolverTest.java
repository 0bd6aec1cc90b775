package io.ringstream.routing.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.customers.identity.RefusalReason;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The resolver finds customers by any spelling of their identities in the tenant's region, follows
 * merge redirects, never sees another tenant's customers, and creates exactly one customer when
 * many callers race to create the same phone.
 */
@MicronautTest(transactional = false)
class JdbcCustomerResolverTest {
    @Inject CustomerResolver resolver;
    @Inject CustomerSettingsStore settings;
    @Inject TransactionOperations<Connection> transactions;
    @Inject JdbcOperations jdbc;

    @Test
    void aNationalNumberFindsTheCustomerInTheTenantsRegion() {
        String tenant = tenant();
        settings.save(tenant, new CustomerSettings("ES", true), Instant.now());
        UUID ana =
                created(
                        resolver.findOrCreate(
                                tenant, IdentityKind.PHONE, "+34 612 345 678", "t", "Ana"));

        assertThat(resolver.find(tenant, IdentityKind.PHONE, "612-34-56-78"))
                .isEqualTo(new IdentityMatch.One(ana));
        assertThat(resolver.find(tenant, IdentityKind.WHATSAPP, "34612345678"))
                .isEqualTo(new IdentityMatch.One(ana));
        assertThat(resolver.find(tenant(), IdentityKind.PHONE, "+34612345678"))
                .isEqualTo(new IdentityMatch.None("+34612345678"));
    }

    @Test
    void withoutADefaultRegionANationalNumberIsRefused() {
        assertThat(resolver.find(tenant(), IdentityKind.PHONE, "612 34 56 78"))
                .isInstanceOf(IdentityMatch.Refused.class)
                .extracting(m -> ((IdentityMatch.Refused) m).reason())
                .isEqualTo(RefusalReason.UNKNOWN_COUNTRY);
    }

    @Test
    void aNumberHeldAsPhoneByOneAndAsWhatsAppByAnotherNamesBothAsCandidates() {
        String tenant = tenant();
        UUID byPhone =
                created(
                        resolver.findOrCreate(
                                tenant, IdentityKind.PHONE, "+447911123456", "t", null));
        UUID byWhatsApp = insertCustomerWith(tenant, "WHATSAPP", "+447911123456");

        IdentityMatch match = resolver.find(tenant, IdentityKind.PHONE, "00447911123456");

        assertThat(match).isInstanceOf(IdentityMatch.Many.class);
        assertThat(((IdentityMatch.Many) match).customerIds())
                .containsExactlyInAnyOrder(byPhone, byWhatsApp);
        assertThat(resolver.findOrCreate(tenant, IdentityKind.PHONE, "+447911123456", "t", null))
                .isEqualTo(match);
    }

    @Test
    void aMergedIdResolvesToTheEndOfItsRedirectChainAndOnlyInItsTenant() {
        String tenant = tenant();
        UUID middle = insertCustomerWith(tenant, "EMAIL", "b-" + UUID.randomUUID() + "@x.es");
        UUID survivor = insertCustomerWith(tenant, "EMAIL", "c-" + UUID.randomUUID() + "@x.es");
        UUID merged = UUID.randomUUID();
        sql(
                "INSERT INTO customer_redirects VALUES ('"
                        + merged
                        + "', '"
                        + tenant
                        + "', '"
                        + middle
                        + "', now())");
        sql(
                "INSERT INTO customer_redirects VALUES ('"
                        + middle
                        + "', '"
                        + tenant
                        + "', '"
                        + survivor
                        + "', now())");

        assertThat(resolver.resolveId(tenant, merged)).contains(survivor);
        assertThat(resolver.resolveId(tenant, survivor)).contains(survivor);
        assertThat(resolver.resolveId(tenant(), merged)).isEmpty();
        assertThat(resolver.resolveId(tenant(), survivor)).isEmpty();
        assertThat(resolver.resolveId(tenant, UUID.randomUUID())).isEmpty();
    }

    @Test
    void concurrentCreatesOfOnePhoneMakeOneCustomerAndOneCreatedEvent() throws Exception {
        String tenant = tenant();
        settings.save(tenant, new CustomerSettings("ES", true), Instant.now());
        String[] spellings = {"612345678", "+34 612 345 678", "0034612345678", "(+34) 612-345-678"};
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<IdentityMatch>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String raw = spellings[i % spellings.length];
                Callable<IdentityMatch> call =
                        () -> {
                            start.await();
                            return resolver.findOrCreate(
                                    tenant, IdentityKind.PHONE, raw, "t", null);
                        };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<IdentityMatch> matches = new ArrayList<>();
            for (Future<IdentityMatch> result : results) {
                matches.add(result.get());
            }
            List<UUID> ids =
                    matches.stream().map(JdbcCustomerResolverTest::idOf).distinct().toList();
            assertThat(ids).hasSize(1);
            assertThat(matches).filteredOn(m -> m instanceof IdentityMatch.Created).hasSize(1);
            assertThat(count("SELECT count(*) FROM customers WHERE tenant = '" + tenant + "'"))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM outbox WHERE event_key = '" + ids.get(0) + "'"))
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static UUID idOf(IdentityMatch match) {
        if (match instanceof IdentityMatch.Created created) {
            return created.customerId();
        }
        if (match instanceof IdentityMatch.One one) {
            return one.customerId();
        }
        throw new AssertionError("unexpected " + match);
    }

    private static UUID created(IdentityMatch match) {
        assertThat(match).isInstanceOf(IdentityMatch.Created.class);
        return ((IdentityMatch.Created) match).customerId();
    }

    private UUID insertCustomerWith(String tenant, String kind, String value) {
        UUID id = UUID.randomUUID();
        sql(
                "INSERT INTO customers (id, tenant, created_at, updated_at, version) VALUES ('"
                        + id
                        + "', '"
                        + tenant
                        + "', now(), now(), 1)");
        sql(
                "INSERT INTO customer_identities (tenant, kind, value, customer_id, raw, created_at)"
                        + " VALUES ('"
                        + tenant
                        + "', '"
                        + kind
                        + "', '"
                        + value
                        + "', '"
                        + id
                        + "', '"
                        + value
                        + "', now())");
        return id;
    }

    private void sql(String statement) {
        transactions.executeWrite(
                status -> jdbc.prepareStatement(statement, s -> s.executeUpdate()));
    }

    private long count(String query) {
        return transactions.executeRead(
                status ->
                        jdbc.prepareStatement(
                                query,
                                s -> {
                                    try (var rows = s.executeQuery()) {
                                        rows.next();
                                        return rows.getLong(1);
                                    }
                                }));
    }

    private static String tenant() {
        return "t-" + UUID.randomUUID();
    }
}
