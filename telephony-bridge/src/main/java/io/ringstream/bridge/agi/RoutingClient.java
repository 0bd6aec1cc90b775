package io.ringstream.bridge.agi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ringstream.events.Tenants;
import io.ringstream.routing.contract.CallerIdentificationAnswer;
import io.ringstream.routing.contract.CallerIdentificationRequest;
import io.ringstream.routing.contract.OfferAnswerRequest;
import io.ringstream.routing.contract.RouteAnswer;
import io.ringstream.routing.contract.RouteRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Calls routing-service over HTTP for the FastAGI scripts (route a call, and report how dialling
 * the offered agent went) and for the AMI side (identify the caller of a call Asterisk queues
 * itself). Every call carries the bridge's bearer token ({@link AccessTokens}); a 401 gets one
 * retry with a fresh token before the call fails. Thread-safe; one instance serves every AGI
 * connection.
 */
public final class RoutingClient {
    private static final ObjectMapper JSON =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final AccessTokens tokens;

    /** Without a token (a stand-in routing-service in tests). */
    public RoutingClient(URI base, Duration timeout) {
        this(base, timeout, RoutingCredentials.none(), Clock.systemUTC());
    }

    public RoutingClient(URI base, Duration timeout, RoutingCredentials credentials, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.base = base;
        this.timeout = timeout;
        this.tokens = new AccessTokens(credentials, base, http, timeout, clock);
    }

    /**
     * @throws RoutingException with routing-service's problem detail, or why it was unreachable
     */
    public RouteAnswer route(RouteRequest request) {
        long wait = request.waitMillis() == null ? 0 : request.waitMillis();
        String body = post("/v1/route", write(request), timeout.plusMillis(wait));
        try {
            return JSON.readValue(body, RouteAnswer.class);
        } catch (IOException e) {
            throw new RoutingException("unreadable answer from routing-service: " + body, e);
        }
    }

    /** The client {@code config} describes: routing-service's URL, timeout and credentials. */
    public static RoutingClient of(FastAgiConfig config) {
        return new RoutingClient(
                config.routingUrl(),
                config.requestTimeout(),
                config.credentials(),
                Clock.systemUTC());
    }

    /**
     * Who is calling on {@code contactId} ({@code POST /v1/contacts/{contactId}/identification}):
     * decided once per contact, the same answer for every ask.
     *
     * @param contactId a contact id as AMI gives it (Uniqueid: digits and a dot)
     * @throws RoutingException with the status (422: not a phone number) and problem detail, or why
     *     routing-service was unreachable
     */
    public CallerIdentificationAnswer identify(
            String contactId, CallerIdentificationRequest request) {
        String body =
                post(
                        "/v1/contacts/"
                                + URLEncoder.encode(contactId, StandardCharsets.UTF_8)
                                + "/identification",
                        write(request),
                        timeout);
        try {
            return JSON.readValue(body, CallerIdentificationAnswer.class);
        } catch (IOException e) {
            throw new RoutingException("unreadable answer from routing-service: " + body, e);
        }
    }

    /** Accepts or rejects an offer for its agent; a null tenant is the default one. */
    public void answerOffer(
            String tenant, String agentId, String offerId, boolean accept, String reason) {
        String path =
                "/v1/agents/" + agentId + "/offers/" + offerId + (accept ? "/accept" : "/reject");
        OfferAnswerRequest body =
                new OfferAnswerRequest(
                        tenant == null ? Tenants.DEFAULT : tenant, reason == null ? "" : reason);
        post(path, write(body), timeout);
    }

    private String post(String path, String body, Duration requestTimeout) {
        String token = tokens.current();
        HttpResponse<String> response = send(path, body, requestTimeout, token);
        if (response.statusCode() == 401 && tokens.refused(token)) {
            response = send(path, body, requestTimeout, tokens.current());
        }
        if (response.statusCode() >= 300) {
            throw new RoutingException(
                    response.statusCode(),
                    "routing-service answered "
                            + response.statusCode()
                            + ": "
                            + problemDetail(response.body()));
        }
        return response.body();
    }

    private HttpResponse<String> send(
            String path, String body, Duration requestTimeout, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(requestTimeout)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RoutingException("routing-service unreachable at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoutingException("interrupted calling routing-service", e);
        }
    }

    static String problemDetail(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode detail = node.get("detail");
            return detail != null && !detail.isNull() ? detail.asText() : body;
        } catch (IOException e) {
            return body;
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode " + value, e);
        }
    }

    /** routing-service could not give an answer. */
    public static final class RoutingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int status;

        public RoutingException(String message) {
            this(0, message);
        }

        public RoutingException(int status, String message) {
            super(message);
            this.status = status;
        }

        public RoutingException(String message, Throwable cause) {
            super(message, cause);
            this.status = 0;
        }

        /** routing-service's HTTP status; 0 when it gave none (unreachable, unreadable). */
        public int status() {
            return status;
        }
    }
}
