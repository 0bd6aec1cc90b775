package io.ringstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.clickhouse.LocalClickHouseServer;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.routing.RoutingJob;
import io.ringstream.flink.routing.RoutingSettings;
import io.ringstream.kafka.EmbeddedKafkaBroker;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.kafka.TopicInstaller;
import io.ringstream.routing.core.QueuePolicy;
import io.ringstream.routing.core.RoutingConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Measures the PBX's wait: from sending {@code POST /v1/route} to receiving CONNECT, through
 * routing-service, Kafka, the routing job on Flink and back, at fixed request rates (open loop: a
 * request is sent on schedule whatever the previous ones are doing). Every answered contact is hung
 * up at once, as the PBX bridge reports it (an ENDED event on contact-events), so its agent is free
 * again; enough agents are logged in that no request waits for one. Prints p50/p90/p99/max per
 * rate. Every request carries a real PBX token; before each rate, the same number of trivial
 * requests with and without a token measure what authentication adds. A benchmark, not a test: run
 * it by hand (see docs/benchmarks.md, "Routing").
 *
 * <p>Arguments: {@code [seconds per rate, default 15] [rates, default 200 1000]}.
 */
public final class RoutingLatencyBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "bench";
    private static final int AGENTS = 400;

    private RoutingLatencyBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<Integer> rates = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            rates.add(Integer.parseInt(args[i]));
        }
        if (rates.isEmpty()) {
            rates = List.of(200, 1000);
        }
        Path dir = Files.createTempDirectory("ringstream-routing-bench");
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
                LocalClickHouseServer clickhouse =
                        LocalClickHouseServer.startOnFreePorts(dir.resolve("clickhouse"))) {
            TopicInstaller.install(kafka.bootstrapServers(), Topics.ALL);
            clickhouse.migrate();
            JobConfig<RoutingSettings> config =
                    RoutingJob.DEFINITION
                            .defaults(kafka.bootstrapServers(), clickhouse.jdbcUrl())
                            .withSettings(
                                    s ->
                                            s.withRouting(
                                                    RoutingConfig.of(
                                                            QueuePolicy.simple("support")
                                                                    .withOfferTimeout(
                                                                            Duration.ofSeconds(
                                                                                    60)))));
            Configuration flink = new Configuration();
            flink.set(RestOptions.BIND_PORT, "0");
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(1, flink);
            JobClient job = RoutingJob.DEFINITION.startLocal(config, env);
            EmbeddedServer service =
                    RoutingStack.startService(kafka.bootstrapServers(), clickhouse.jdbcUrl());
            try (EventPublisher pbx = EventPublisher.create(kafka.bootstrapServers())) {
                run(service.getURL().toString(), pbx, seconds, rates);
            } finally {
                service.close();
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
        System.exit(0);
    }

    private static void run(String base, EventPublisher pbx, int seconds, List<Integer> rates)
            throws Exception {
        RoutingApi api = new RoutingApi(base, TENANT, RoutingStack.tokens());
        for (int a = 0; a < AGENTS; a++) {
            api.loginReady("agent-" + a, 3, "es");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        System.out.printf(
                Locale.ROOT,
                "routing latency, POST /v1/route -> CONNECT, %d agents, %d s per rate,"
                        + " %d cores%n",
                AGENTS,
                seconds,
                Runtime.getRuntime().availableProcessors());
        measure(http, base, api.pbxToken(), pbx, 100, 5, "warm-up");
        for (int rate : rates) {
            measureAuthentication(http, base, api.pbxToken(), rate, seconds);
            measure(http, base, api.pbxToken(), pbx, rate, seconds, null);
        }
    }

    private static void measure(
            HttpClient http,
            String base,
            String pbxToken,
            EventPublisher pbx,
            int rate,
            int seconds,
            String label)
            throws Exception {
        int total = rate * seconds;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger waits = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
        String prefix = "r" + rate + "-" + System.nanoTime() + "-";
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            pace(start + i * periodNanos);
            String contactId = prefix + i;
            long sent = System.nanoTime();
            inFlight.add(
                    http.sendAsync(
                                    route(base, pbxToken, contactId),
                                    HttpResponse.BodyHandlers.ofString())
                            .thenCompose(
                                    response -> {
                                        long took = System.nanoTime() - sent;
                                        JsonNode answer = read(response.body());
                                        if (response.statusCode() != 200 || answer == null) {
                                            failures.incrementAndGet();
                                            return CompletableFuture.completedFuture(null);
                                        }
                                        if (!"CONNECT".equals(answer.path("action").asText())) {
                                            waits.incrementAndGet();
                                        } else {
                                            latencies.add(took);
                                        }
                                        return pbx.publish(
                                                Topics.CONTACT_EVENTS, hangUp(contactId));
                                    })
                            .exceptionally(
                                    e -> {
                                        failures.incrementAndGet();
                                        return null;
                                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .get(120, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%-8s %5d req/s offered, %6.0f req/s done: n=%d p50=%.1f ms p90=%.1f ms"
                        + " p99=%.1f ms max=%.1f ms (waited for an agent: %d, failed: %d)%n",
                label == null ? "rate" : label,
                rate,
                total / elapsed,
                sorted.size(),
                ms(sorted, 0.50),
                ms(sorted, 0.90),
                ms(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6,
                waits.get(),
                failures.get());
    }

    /**
     * The cost of authentication alone, on the same server and connections: {@code GET /health} (no
     * token) and {@code GET /v1/auth/me} (a bearer token checked by Micronaut Security: parse,
     * HS256 signature, claims, roles) are both trivial, so their difference is what a token adds to
     * every request, {@code POST /v1/route} included. Sent alternately, open loop.
     */
    private static void measureAuthentication(
            HttpClient http, String base, String token, int rate, int seconds) throws Exception {
        ConcurrentLinkedQueue<Long> without = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> with = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < rate * seconds; i++) {
            pace(start + i * periodNanos);
            boolean authenticated = i % 2 == 1;
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(
                            URI.create(base + (authenticated ? "/v1/auth/me" : "/health")));
            if (authenticated) {
                request.header("Authorization", "Bearer " + token);
            }
            ConcurrentLinkedQueue<Long> into = authenticated ? with : without;
            long sent = System.nanoTime();
            inFlight.add(
                    http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                            .thenAccept(
                                    response -> {
                                        if (response.statusCode() == 200) {
                                            into.add(System.nanoTime() - sent);
                                        } else {
                                            failures.incrementAndGet();
                                        }
                                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .get(120, TimeUnit.SECONDS);
        List<Long> a = new ArrayList<>(without);
        List<Long> b = new ArrayList<>(with);
        Collections.sort(a);
        Collections.sort(b);
        System.out.printf(
                Locale.ROOT,
                "auth     %5d req/s offered: without token (GET /health) n=%d p50=%.2f ms"
                        + " p99=%.2f ms | with token (GET /v1/auth/me) n=%d p50=%.2f ms"
                        + " p99=%.2f ms | token adds p50 %+.2f ms, p99 %+.2f ms (failed: %d)%n",
                rate,
                a.size(),
                ms(a, 0.50),
                ms(a, 0.99),
                b.size(),
                ms(b, 0.50),
                ms(b, 0.99),
                ms(b, 0.50) - ms(a, 0.50),
                ms(b, 0.99) - ms(a, 0.99),
                failures.get());
    }

    /** Waits until {@code due} (System.nanoTime), sleeping while more than 0.2 ms remain. */
    private static void pace(long due) throws InterruptedException {
        long now;
        while ((now = System.nanoTime()) < due) {
            long gap = due - now;
            if (gap > 200_000) {
                TimeUnit.NANOSECONDS.sleep(gap - 100_000);
            }
        }
    }

    private static HttpRequest route(String base, String pbxToken, String contactId) {
        String body =
                "{\"tenant\":\""
                        + TENANT
                        + "\",\"contactId\":\""
                        + contactId
                        + "\",\"queue\":\"support\",\"skills\":{\"billing\":1},"
                        + "\"language\":\"es\",\"waitMillis\":10000}";
        return HttpRequest.newBuilder(URI.create(base + "/v1/route"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + pbxToken)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The caller hangs up, as telephony-bridge reports an AMI Hangup. */
    private static ContactEvent hangUp(String contactId) {
        return ContactEvent.builder(ContactEventType.ENDED, contactId)
                .tenant(TENANT)
                .eventId(EventIds.of("bench", contactId, "ENDED"))
                .eventTime(System.currentTimeMillis())
                .source("ami:bench")
                .build();
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static double ms(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
    }
}
