package io.ringstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringstream.customers.value.DatedPurchase;
import io.ringstream.customers.value.cdnow.Cdnow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads the CDNOW purchases into Ringstream as a booking system would: one {@code BOOKING_MADE} per
 * purchase through {@code POST /v1/business-events}, the customer named by identity {@code
 * EXTERNAL_ID cdnow:<sample id>} (an external id is {@code system:id}; the first booking creates
 * the customer), {@code occurredAt} the purchase day (UTC midnight), the amount in USD, and an
 * {@code Idempotency-Key} per purchase ({@code cdnow-<id>-<n>}, n its position among the customer's
 * purchases in file order), so a load that is run again books nothing twice. The customer-value
 * models then see exactly the benchmark's data (docs/customer-value.md).
 *
 * <p>Plain Java (HTTP client and Jackson) so that the launcher can use it as well as the e2e tests.
 * Each customer's purchases are sent in order by one thread; customers are spread over the threads.
 */
public final class CdnowBookings {
    /** The external-id system of the CDNOW customers: {@code cdnow:<sample id>}. */
    public static final String SYSTEM = "cdnow";

    public static final String CURRENCY = "USD";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CdnowBookings() {}

    /** One purchase as a booking. */
    public record Booking(int customer, int index, LocalDate day, BigDecimal amount) {
        public String externalId() {
            return SYSTEM + ":" + customer;
        }

        public String idempotencyKey() {
            return SYSTEM + "-" + customer + "-" + index;
        }

        String json() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "BOOKING_MADE");
            body.put("identity", Map.of("kind", "EXTERNAL_ID", "value", externalId()));
            body.put("amount", amount.toPlainString());
            body.put("currency", CURRENCY);
            body.put("occurredAt", day.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
            try {
                return JSON.writeValueAsString(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * What a load did.
     *
     * @param created bookings answered 201 (new)
     * @param replayed bookings answered 200 (their key was used before: booked already)
     * @param customers the customer ids the bookings were booked against
     */
    public record Result(int created, int replayed, Set<String> customers) {}

    /**
     * The directory holding {@link Cdnow#TRANSACTIONS_FILE}: the customers module's test copy, else
     * the shared data directory, looked for from the working directory up.
     */
    public static Path dataDir() {
        for (String candidate :
                List.of(
                        "customers/src/test/resources/cdnow",
                        "../customers/src/test/resources/cdnow",
                        "../shared/data/cdnow",
                        "../../shared/data/cdnow")) {
            Path dir = Path.of(candidate);
            if (Files.isRegularFile(dir.resolve(Cdnow.TRANSACTIONS_FILE))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no " + Cdnow.TRANSACTIONS_FILE + " found from " + Path.of("").toAbsolutePath());
    }

    /** Every purchase of the sample up to and including {@code until}, per customer in order. */
    public static List<Booking> bookings(Path dataDir, LocalDate until) {
        List<Booking> out = new ArrayList<>();
        Cdnow.purchases(dataDir)
                .forEach(
                        (customer, purchases) -> {
                            for (int i = 0; i < purchases.size(); i++) {
                                DatedPurchase p = purchases.get(i);
                                if (!p.date().isAfter(until)) {
                                    out.add(
                                            new Booking(
                                                    customer,
                                                    i,
                                                    p.date(),
                                                    BigDecimal.valueOf(p.amount())
                                                            .setScale(2, RoundingMode.HALF_UP)));
                                }
                            }
                        });
        return out;
    }

    /**
     * Sends {@code bookings} to routing-service at {@code base} with an INGEST (or ADMIN) token.
     *
     * @throws IllegalStateException when any booking is answered other than 201 or 200 (with the
     *     booking and the answer)
     */
    public static Result load(String base, String token, List<Booking> bookings, int threads)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<Integer, List<Booking>> byThread = new LinkedHashMap<>();
        for (Booking b : bookings) {
            byThread.computeIfAbsent(b.customer() % threads, t -> new ArrayList<>()).add(b);
        }
        AtomicInteger created = new AtomicInteger();
        AtomicInteger replayed = new AtomicInteger();
        Set<String> customers = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (List<Booking> share : byThread.values()) {
                work.add(
                        pool.submit(
                                () -> {
                                    for (Booking b : share) {
                                        JsonNode answer = send(http, base, token, b);
                                        if (answer.get("replayed").asBoolean()) {
                                            replayed.incrementAndGet();
                                        } else {
                                            created.incrementAndGet();
                                        }
                                        customers.add(answer.get("customerId").asText());
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(created.get(), replayed.get(), Collections.unmodifiableSet(customers));
    }

    private static JsonNode send(HttpClient http, String base, String token, Booking b)
            throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/business-events"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", b.idempotencyKey())
                                .POST(HttpRequest.BodyPublishers.ofString(b.json()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException(
                    b + " answered " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
