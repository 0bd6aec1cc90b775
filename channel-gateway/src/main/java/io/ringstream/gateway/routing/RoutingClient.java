package io.ringstream.gateway.routing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
 * The gateway's calls to routing-service as role PBX: route a new conversation, end it, or report
 * that the visitor left before an agent joined. Blocking (JDK HttpClient): the hub calls it on its
 * own executor, never on a Netty event loop. A 401 gets one retry with a fresh token. Thread-safe.
 */
public final class RoutingClient implements Routing {
    private static final ObjectMapper JSON =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final AccessTokens tokens;

    public RoutingClient(URI base, Duration timeout, RoutingCredentials credentials, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.base = base;
        this.timeout = timeout;
        this.tokens = new AccessTokens(credentials, base, http, timeout, clock);
    }

    /**
     * @throws RoutingException with routing-service's problem detail, or why it was unreachable
     */
    @Override
    public RouteAnswer route(RouteRequest request) {
        String body = post("/v1/route", write(request));
        try {
            return JSON.readValue(body, RouteAnswer.class);
        } catch (IOException e) {
            throw new RoutingException("unreadable answer from routing-service: " + body, e);
        }
    }

    /** The conversation is over ({@code POST /v1/contacts/{id}/end}). */
    @Override
    public void end(String tenant, String contactId) {
        post(contactPath(contactId, "end", tenant), "");
    }

    /** The visitor left before an agent joined ({@code POST /v1/contacts/{id}/abandon}). */
    @Override
    public void abandon(String tenant, String contactId) {
        post(contactPath(contactId, "abandon", tenant), "");
    }

    private static String contactPath(String contactId, String action, String tenant) {
        return "/v1/contacts/"
                + URLEncoder.encode(contactId, StandardCharsets.UTF_8)
                + "/"
                + action
                + "?tenant="
                + URLEncoder.encode(tenant, StandardCharsets.UTF_8);
    }

    private String post(String path, String body) {
        String token = tokens.current();
        HttpResponse<String> response = send(path, body, token);
        if (response.statusCode() == 401 && tokens.refused(token)) {
            response = send(path, body, tokens.current());
        }
        if (response.statusCode() >= 300) {
            throw new RoutingException(
                    response.statusCode(),
                    "routing-service answered "
                            + response.statusCode()
                            + ": "
                            + RoutingException.problemDetail(response.body()));
        }
        return response.body();
    }

    private HttpResponse<String> send(String path, String body, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(timeout)
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

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode " + value, e);
        }
    }
}
