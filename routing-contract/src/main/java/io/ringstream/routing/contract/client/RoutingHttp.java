package io.ringstream.routing.contract.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * One place for how a deployable calls routing-service as a machine client (the telephony bridge's
 * FastAGI and AMI sides, the channel gateway), so they cannot drift: JSON POSTs carrying the bearer
 * token of {@link AccessTokens}, one retry with a fresh token after a 401, and any answer of 300 or
 * more turned into a {@link RoutingException} with routing-service's problem detail. Blocking (JDK
 * HttpClient): callers keep it off event loops. Thread-safe; one instance per process.
 */
public final class RoutingHttp {
    /** routing-service's token endpoint, where client credentials are exchanged for tokens. */
    public static final String TOKEN_PATH = "/v1/auth/token";

    private static final ObjectMapper JSON =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final AccessTokens tokens;

    /**
     * @param timeout connect timeout, and the request timeout of {@link #post(String, Object)}
     */
    public RoutingHttp(URI base, Duration timeout, RoutingCredentials credentials, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.base = base;
        this.timeout = timeout;
        this.tokens = new AccessTokens(credentials, base, http, timeout, clock);
    }

    /** The request timeout this client was made with. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * POSTs {@code body} (written as JSON; a String is sent as it is) to {@code path} within the
     * default timeout and returns the answer's body.
     *
     * @throws RoutingException with routing-service's status and problem detail, or why it was
     *     unreachable
     */
    public String post(String path, Object body) {
        return post(path, body, timeout);
    }

    /** {@link #post(String, Object)} with its own request timeout (a route request that waits). */
    public String post(String path, Object body, Duration requestTimeout) {
        String json = body instanceof String s ? s : write(body);
        String token = tokens.current();
        HttpResponse<String> response = send(path, json, requestTimeout, token);
        if (response.statusCode() == 401 && tokens.refused(token)) {
            response = send(path, json, requestTimeout, tokens.current());
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

    /**
     * Reads an answer's body as {@code type}, ignoring fields this side does not know.
     *
     * @throws RoutingException when it is not one
     */
    public static <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new RoutingException("unreadable answer from routing-service: " + body, e);
        }
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

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode " + value, e);
        }
    }
}
