package io.ringstream.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the booking system of {@code up}'s demo: after a returning caller's answered calls it
 * reports leads, quotes, bookings and payments to routing-service's {@code POST
 * /v1/business-events}, as a real booking system would, with a client token of role INGEST, after
 * importing the customers it already knew ({@link DemoHistory}). One sender thread keeps each
 * caller's steps in order and keeps the simulator's thread free; a failed request is logged and
 * counted, never retried forever (the demo goes on).
 */
final class DemoBookingSystem implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoBookingSystem.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_TTL = Duration.ofMinutes(10);

    private final URI endpoint;
    private final TokenIssuer tokens;
    private final String tenant;
    private final CustomerJourneys journeys;
    private final long seed;
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
        this.seed = seed;
    }

    /**
     * Sends what the CRM knew before: {@link DemoHistory}'s customers (as an admin importing them;
     * one that exists already answers 409 and is left alone) and their past leads, bookings and
     * payments. Queued before any live step, on the same sender thread.
     */
    void seedHistory(Instant now) {
        sender.execute(
                () -> {
                    for (DemoHistory.Customer customer : DemoHistory.customers()) {
                        createCustomer(customer);
                        String leadId = null;
                        for (DemoHistory.PastEvent event :
                                DemoHistory.pastLead(customer, seed, now)) {
                            ObjectNode body = JSON.valueToTree(event.request());
                            body.put("occurredAt", event.occurredAt().toString());
                            if (leadId != null) {
                                body.put("leadId", leadId);
                            }
                            JsonNode answer = post(event.idempotencyKey(), body);
                            if (answer != null && leadId == null) {
                                leadId = answer.path("leadId").asText(null);
                            }
                        }
                    }
                    LOG.info(
                            "demo booking system: history of {} customers sent",
                            DemoHistory.CUSTOMERS);
                });
    }

    private void createCustomer(DemoHistory.Customer customer) {
        ObjectNode body = JSON.createObjectNode();
        body.put("displayName", customer.displayName());
        if (customer.tier() != null) {
            body.put("tier", customer.tier());
        }
        var identities = body.putArray("identities");
        ObjectNode phone = identities.addObject();
        phone.put("kind", "PHONE");
        phone.put("value", customer.number());
        phone.put("primary", true);
        ObjectNode email = identities.addObject();
        email.put("kind", "EMAIL");
        email.put("value", customer.email());
        try {
            HttpResponse<String> response =
                    http.send(
                            json(endpoint.resolve("/v1/customers"), Role.ADMIN, body).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2 && response.statusCode() != 409) {
                throw new IllegalStateException(
                        "HTTP " + response.statusCode() + ": " + response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed.incrementAndGet();
            LOG.warn(
                    "demo booking system: customer {} not created: {}",
                    customer.displayName(),
                    e.getMessage());
        }
    }

    /** Posts one business event; its answer, or null when it failed (logged and counted). */
    private JsonNode post(String idempotencyKey, JsonNode body) {
        try {
            HttpResponse<String> response =
                    http.send(
                            json(endpoint, Role.INGEST, body)
                                    .header("Idempotency-Key", idempotencyKey)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "HTTP " + response.statusCode() + ": " + response.body());
            }
            sent.incrementAndGet();
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed.incrementAndGet();
            LOG.warn("demo booking system: {} failed: {}", idempotencyKey, e.getMessage());
        }
        return null;
    }

    private HttpRequest.Builder json(URI uri, Role role, JsonNode body) throws Exception {
        String token = tokens.issue(Caller.of("demo-booking-system", tenant, role), TOKEN_TTL);
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
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
        JsonNode answer = post(step.idempotencyKey(), JSON.valueToTree(step.request()));
        if (step.request().type() == BusinessEventType.LEAD_CREATED) {
            if (answer == null) {
                journeys.leadFailed(step.number());
            } else {
                journeys.leadCreated(step.number(), answer.path("leadId").asText(null));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
        LOG.info("demo booking system: {} business events sent, {} failed", sent, failed);
    }
}
