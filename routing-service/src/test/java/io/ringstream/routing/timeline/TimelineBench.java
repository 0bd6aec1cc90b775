package io.ringstream.routing.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.clickhouse.LocalClickHouseServer;
import io.ringstream.routing.security.TestTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark (not a test; docs/benchmarks.md has the command): {@code GET
 * /v1/customers/{id}/timeline} for a customer with 1,000 contacts (6 contact events, 4 scored
 * utterances and an SLA warning each) among 10,000 other customers' contacts of the same tenant,
 * plus notes and stage changes, over real HTTP with a real token, against a local clickhouse-server
 * and PostgreSQL. Prints p50/p95/p99 of the first page, of a page 10 pages deep (by cursor), and,
 * as a reference measured in the same run, of one ClickHouse {@code SELECT 1} round trip.
 *
 * <p>Arguments: requests per measurement (default 500).
 */
public final class TimelineBench {
    private static final String TENANT = "bench";
    private static final long T0 = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path dir = Files.createTempDirectory("timeline-bench-");
        try (LocalClickHouseServer clickHouse = LocalClickHouseServer.startOnFreePorts(dir)) {
            clickHouse.migrate();
            try (EmbeddedServer server =
                    ApplicationContext.run(
                            EmbeddedServer.class,
                            Map.of(
                                    "ringstream.clickhouse.url",
                                    clickHouse.jdbcUrl(),
                                    "micronaut.server.port",
                                    -1),
                            // application-test.properties: the test key and user store.
                            "test")) {
                var env = server.getApplicationContext().getEnvironment();
                String url = env.getRequiredProperty("datasources.default.url", String.class);
                String user = env.getRequiredProperty("datasources.default.username", String.class);
                String password =
                        env.getRequiredProperty("datasources.default.password", String.class);
                UUID customer = UUID.randomUUID();
                long seeded = System.nanoTime();
                seed(
                        new TimelineSeed(
                                clickHouse.jdbc(),
                                () -> DriverManager.getConnection(url, user, password)),
                        customer);
                System.out.printf("seeded in %.1f s%n", (System.nanoTime() - seeded) / 1e9);
                run(
                        server,
                        server.getApplicationContext().getBean(ClickHouseTimeline.class),
                        customer,
                        requests);
            }
        }
    }

    private static void seed(TimelineSeed s, UUID customer) {
        s.customer(TENANT, customer, "Bench customer");
        UUID lead = UUID.randomUUID();
        s.lead(TENANT, lead, customer);
        for (int i = 0; i < 20; i++) {
            s.note(
                    TENANT,
                    UUID.randomUUID(),
                    customer,
                    "1001",
                    "note " + i,
                    Instant.ofEpochMilli(T0 + i * 3_600_000L));
            s.stageChange(
                    TENANT, lead, customer, "NEW", "CONTACTED", "1001", T0 + i * 3_600_000L + 7);
        }
        String id = customer.toString();
        for (int c = 0; c < 11_000; c++) {
            boolean mine = c % 11 == 0;
            String contact = "bench-" + c;
            String owner = mine ? id : UUID.nameUUIDFromBytes(("other-" + c).getBytes()).toString();
            long start = T0 + c * 60_000L;
            s.contact(TENANT, contact, owner, "VOICE", "sales", "1001", start, 5_000, 60_000);
            if (mine) {
                for (int u = 0; u < 4; u++) {
                    s.utterance(
                            TENANT,
                            contact + "-u" + u,
                            contact,
                            "VOICE",
                            u % 2 == 0 ? "CUSTOMER" : "AGENT",
                            start + 6_000 + u * 1_000,
                            "utterance " + u,
                            0.25,
                            "POSITIVE");
                }
                s.sla(
                        TENANT,
                        contact + "-s",
                        "WARNING",
                        "ANSWER",
                        contact,
                        "sales",
                        start + 4_000,
                        5_000,
                        4_000);
            }
            if (c % 1_000 == 999) {
                s.flush();
            }
        }
        s.flush();
    }

    private static void run(
            EmbeddedServer server, ClickHouseTimeline clickHouse, UUID customer, int requests)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = TestTokens.agent(TENANT, "1001");
        String first = server.getURL() + "/v1/customers/" + customer + "/timeline?limit=50";
        // Page 10: follow the cursor once, then measure that page over and over.
        String deep = first;
        for (int page = 0; page < 9; page++) {
            JsonNode body = new ObjectMapper().readTree(get(http, deep, token));
            deep =
                    first
                            + "&before="
                            + URLEncoder.encode(
                                    body.get("nextBefore").asText(), StandardCharsets.UTF_8);
        }
        JsonNode check = new ObjectMapper().readTree(get(http, first, token));
        System.out.printf(
                "first page: %d items, partial=%s%n",
                check.get("items").size(), check.get("partial").asBoolean());
        for (int i = 0; i < 100; i++) { // warm-up
            get(http, first, token);
            get(http, deep, token);
            clickHouse.ping();
        }
        long[] ping = new long[requests];
        long[] firstPage = new long[requests];
        long[] deepPage = new long[requests];
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            clickHouse.ping();
            ping[i] = System.nanoTime() - t;
            t = System.nanoTime();
            get(http, first, token);
            firstPage[i] = System.nanoTime() - t;
            t = System.nanoTime();
            get(http, deep, token);
            deepPage[i] = System.nanoTime() - t;
        }
        print("ClickHouse SELECT 1 round trip (reference)", ping);
        print("timeline, first page (limit 50)", firstPage);
        print("timeline, page 10 (limit 50, by cursor)", deepPage);
    }

    private static String get(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%-45s n=%d  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms%n",
                what, sorted.length, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99));
    }

    private static double at(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private TimelineBench() {}
}
