package io.ringstream.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringstream.events.BusinessEventType;
import io.ringstream.pbxsim.traffic.Emission;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.tokens.TokenIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the booking system of {@code up}'s demo: after a returning caller's answered calls it
 * reports leads, quotes, bookings and payments to routing-service's {@code POST
 * /v1/business-events}, as a real booking system would, with a client token of role INGEST. One
 * sender thread keeps each caller's steps in order and keeps the simulator's thread free; a failed
 * request is logged and counted, never retried forever (the demo goes on).
 */
final class DemoBookingSystem implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoBookingSystem.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_TTL = Duration.ofMinutes(10);

    private final URI endpoint;
    private final TokenIssuer tokens;
    private final String tenant;
    private final CustomerJourneys journeys;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService sender =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "demo-booking-system");
                        t.setDaemon(true);
                        return t;
                    });
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    DemoBookingSystem(URI routingService, TokenIssuer tokens, String tenant, long seed) {
        this.endpoint = routingService.resolve("/v1/business-events");
        this.tokens = tokens;
        this.tenant = tenant;
        this.journeys = new CustomerJourneys(seed);
    }

    /** Called by the simulator when a voice call ends. */
    void callEnded(Emission.CallEnded call) {
        if (!call.answered()) {
            return;
        }
        journeys.answeredCall(call.callerNumber(), call.queue(), call.contactId())
                .ifPresent(step -> sender.execute(() -> send(step)));
    }

    private void send(CustomerJourneys.Step step) {
        try {
            String token =
                    tokens.issue(Caller.of("demo-booking-system", tenant, Role.INGEST), TOKEN_TTL);
            HttpRequest request =
                    HttpRequest.newBuilder(endpoint)
                            .timeout(Duration.ofSeconds(5))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", step.idempotencyKey())
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            JSON.writeValueAsString(step.request())))
                            .build();
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "HTTP " + response.statusCode() + ": " + response.body());
            }
            sent.incrementAndGet();
            if (step.request().type() == BusinessEventType.LEAD_CREATED) {
                JsonNode answer = JSON.readTree(response.body());
                journeys.leadCreated(step.number(), answer.path("leadId").asText(null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed.incrementAndGet();
            if (step.request().type() == BusinessEventType.LEAD_CREATED) {
                journeys.leadFailed(step.number());
            }
            LOG.warn("demo booking system: {} failed: {}", step.idempotencyKey(), e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
        LOG.info("demo booking system: {} business events sent, {} failed", sent, failed);
    }
}
