package io.ringstream.routing.screenpop.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.events.Channel;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.IdentityMatch;
import io.ringstream.routing.screenpop.CallerIdentification;
import io.ringstream.routing.screenpop.ContactIdentificationStore;
import io.ringstream.testkit.PostgresDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * What caller identification costs against a real PostgreSQL (the testkit's server) holding {@code
 * customers} customers with a phone each: open loop at {@code rate} lookups/s for {@code seconds}
 * per measure, latency counted from each lookup's planned start (so a stall is not hidden). Not a
 * test: the figures and the command are in docs/benchmarks.md. Three measures in one run:
 *
 * <ul>
 *   <li>{@code number -> customer}: {@link CustomerResolver#find} with the number in a national
 *       format (normalised in the tenant's region, looked up as PHONE and WHATSAPP);
 *   <li>{@code identify a new contact}: the whole per-contact path of {@code POST /v1/route}
 *       ({@link CallerIdentification}: recorded answer, lookup, record);
 *   <li>{@code reference: primary key}: one {@code SELECT ... WHERE id = ?} through the same pool.
 * </ul>
 *
 * <p>Arguments: seconds per measure (default 20), rate (default 1000), customers (default 100000).
 */
public final class CallerLookupBench {
    private static final String TENANT = "bench";

    private CallerLookupBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int customers = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        PostgresDatabases.Database db = PostgresDatabases.fresh("bench");
        try (ApplicationContext context =
                ApplicationContext.builder()
                        .environments("test") // application-test.properties: security's files
                        .properties(
                                Map.of(
                                        "datasources.default.url",
                                        db.jdbcUrl(),
                                        "datasources.default.username",
                                        db.user(),
                                        "datasources.default.password",
                                        db.password(),
                                        "datasources.default.maximum-pool-size",
                                        10))
                        .start()) {
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
            long loadStart = System.nanoTime();
            load(tx, customers);
            System.out.printf(
                    Locale.ROOT,
                    "loaded %,d customers with a phone each in %.1f s%n",
                    customers,
                    (System.nanoTime() - loadStart) / 1e9);
            CustomerResolver resolver = context.getBean(CustomerResolver.class);
            CallerIdentification identification =
                    new CallerIdentification(
                            resolver, context.getBean(ContactIdentificationStore.class));
            Random random = new Random(1);
            UUID[] ids = sampleIds(tx);
            // Warm-up: JIT, pool, the server's caches.
            run("warm-up", 5, rate, i -> find(resolver, random.nextInt(customers)));
            run(
                    "number -> customer",
                    seconds,
                    rate,
                    i -> find(resolver, random.nextInt(customers)));
            run(
                    "identify a new contact",
                    seconds,
                    rate,
                    i ->
                            identification.identify(
                                    TENANT,
                                    "bench-" + i + "-" + random.nextInt(),
                                    national(random.nextInt(customers)),
                                    Channel.VOICE));
            run(
                    "reference: primary key",
                    seconds,
                    rate,
                    i -> primaryKey(tx, ids[random.nextInt(ids.length)]));
        }
    }

    private static void find(CustomerResolver resolver, int n) {
        IdentityMatch match = resolver.find(TENANT, IdentityKind.PHONE, national(n));
        if (!(match instanceof IdentityMatch.One)) {
            throw new IllegalStateException("expected one customer, got " + match);
        }
    }

    /** Customer n's number as a Spanish caller ID shows it: national, with spaces. */
    private static String national(int n) {
        String digits = String.format(Locale.ROOT, "%08d", n);
        return "6"
                + digits.substring(0, 2)
                + " "
                + digits.substring(2, 5)
                + " "
                + digits.substring(5);
    }

    private static void load(TransactionOperations<Connection> tx, int customers) {
        tx.executeWrite(
                status -> {
                    try (var s = status.getConnection().createStatement()) {
                        s.execute(
                                "INSERT INTO tenant_customer_settings (tenant, default_region,"
                                        + " create_unknown_callers, updated_at) VALUES ('"
                                        + TENANT
                                        + "', 'ES', false, now())");
                        s.execute(
                                "INSERT INTO customers (id, tenant, display_name, created_at,"
                                        + " updated_at, version) SELECT md5('c' || n)::uuid, '"
                                        + TENANT
                                        + "', 'Customer ' || n, now(), now(), 1"
                                        + " FROM generate_series(0, "
                                        + (customers - 1)
                                        + ") n");
                        s.execute(
                                "INSERT INTO customer_identities (tenant, kind, value, customer_id,"
                                        + " raw, is_primary, created_at) SELECT '"
                                        + TENANT
                                        + "', 'PHONE', '+346' || lpad(n::text, 8, '0'),"
                                        + " md5('c' || n)::uuid, '6' || lpad(n::text, 8, '0'),"
                                        + " true, now() FROM generate_series(0, "
                                        + (customers - 1)
                                        + ") n");
                        s.execute("ANALYZE");
                    }
                    return null;
                });
    }

    private static UUID[] sampleIds(TransactionOperations<Connection> tx) {
        return tx.executeRead(
                status -> {
                    try (var s = status.getConnection().createStatement();
                            ResultSet rs =
                                    s.executeQuery(
                                            "SELECT id FROM customers ORDER BY random() LIMIT"
                                                    + " 10000")) {
                        UUID[] out = new UUID[10_000];
                        int n = 0;
                        while (rs.next()) {
                            out[n++] = rs.getObject(1, UUID.class);
                        }
                        return Arrays.copyOf(out, n);
                    }
                });
    }

    private static void primaryKey(TransactionOperations<Connection> tx, UUID id) {
        tx.executeRead(
                status -> {
                    try (PreparedStatement s =
                            status.getConnection()
                                    .prepareStatement(
                                            "SELECT display_name, tier FROM customers"
                                                    + " WHERE tenant = ? AND id = ?")) {
                        s.setString(1, TENANT);
                        s.setObject(2, id);
                        try (ResultSet rs = s.executeQuery()) {
                            if (!rs.next()) {
                                throw new IllegalStateException("no customer " + id);
                            }
                            return rs.getString(1);
                        }
                    }
                });
    }

    /** Open loop: lookup i starts at start + i / rate, whatever the earlier ones are doing. */
    private static void run(String name, int seconds, int rate, IntConsumer lookup)
            throws InterruptedException {
        int total = seconds * rate;
        long[] latencies = new long[total];
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newFixedThreadPool(16);
        long start = System.nanoTime() + 50_000_000L;
        long periodNanos = 1_000_000_000L / rate;
        int[] failures = new int[1];
        for (int i = 0; i < total; i++) {
            int n = i;
            long planned = start + n * periodNanos;
            clock.schedule(
                    () ->
                            workers.execute(
                                    () -> {
                                        try {
                                            lookup.accept(n);
                                        } catch (RuntimeException e) {
                                            synchronized (failures) {
                                                failures[0]++;
                                            }
                                        }
                                        latencies[n] = System.nanoTime() - planned;
                                        done.countDown();
                                    }),
                    planned - System.nanoTime(),
                    TimeUnit.NANOSECONDS);
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        clock.shutdown();
        workers.shutdown();
        Arrays.sort(latencies);
        System.out.printf(
                Locale.ROOT,
                "%-24s %,7d lookups at %,d/s (%.0f/s done): p50 %.2f ms, p90 %.2f ms, p99 %.2f"
                        + " ms, max %.2f ms, failed %d%n",
                name,
                total,
                rate,
                total / elapsed,
                millis(latencies, 0.50),
                millis(latencies, 0.90),
                millis(latencies, 0.99),
                latencies[total - 1] / 1e6,
                failures[0]);
    }

    private static double millis(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
