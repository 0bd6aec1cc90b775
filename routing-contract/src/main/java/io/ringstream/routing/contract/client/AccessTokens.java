package io.ringstream.routing.contract.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ringstream.routing.contract.TokenResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token a deployable (telephony bridge, channel gateway) sends routing-service, kept
 * fresh so no route request waits for a login. With client credentials it asks {@code POST
 * /v1/auth/token} (HTTP Basic with the id and secret, form-encoded first as RFC 6749 section 2.3.1
 * says; body {@code grant_type=client_credentials}), caches the answer, and asks again once less
 * than a fifth of the token's life, at most 60 s, is left; if that renewal fails while the token is
 * still valid, the old one is used and renewal is tried again on the next request. When
 * routing-service answers 401 the token is dropped and a new one fetched, once. A pre-issued token
 * is sent as it is; a token source is asked every time (it caches and renews itself). Thread-safe.
 */
final class AccessTokens {
    static final String TOKEN_PATH = RoutingHttp.TOKEN_PATH;
    static final Duration MAX_MARGIN = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
    private static final ObjectMapper JSON =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final RoutingCredentials credentials;
    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    private String token;
    private Instant renewAt = Instant.MIN;
    private Instant expiresAt = Instant.MIN;

    AccessTokens(
            RoutingCredentials credentials,
            URI base,
            HttpClient http,
            Duration timeout,
            Clock clock) {
        this.credentials = credentials;
        this.base = base;
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
        this.token = credentials.fixedToken().orElse(null);
    }

    /**
     * The token to send now, or null without credentials.
     *
     * @throws RoutingException when no valid token can be had
     */
    synchronized String current() {
        if (credentials.tokenSource().isPresent()) {
            String minted;
            try {
                minted = credentials.tokenSource().get().get();
            } catch (RuntimeException e) {
                throw new RoutingException("the token source failed: " + e, e);
            }
            if (minted == null || minted.isBlank()) {
                throw new RoutingException("the token source gave no token");
            }
            return minted;
        }
        if (credentials.clientId().isEmpty()) {
            return token;
        }
        Instant now = clock.instant();
        if (token != null && now.isBefore(renewAt)) {
            return token;
        }
        try {
            fetch(now);
        } catch (RoutingException e) {
            if (token != null && now.isBefore(expiresAt)) {
                LOG.warn(
                        "renewing the routing token failed, using the current one: {}",
                        e.getMessage());
                return token;
            }
            throw e;
        }
        return token;
    }

    /**
     * routing-service refused {@code sent} (401). Returns whether asking again with {@link
     * #current()} may help: only with client credentials, which can fetch a new token.
     */
    synchronized boolean refused(String sent) {
        if (credentials.clientId().isEmpty()) {
            return false;
        }
        if (sent != null && sent.equals(token)) {
            token = null;
        }
        return true;
    }

    private void fetch(Instant now) {
        String id = credentials.clientId().orElseThrow();
        String basic =
                Base64.getEncoder()
                        .encodeToString(
                                (form(id) + ":" + form(credentials.clientSecret()))
                                        .getBytes(StandardCharsets.UTF_8));
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(TOKEN_PATH))
                        .timeout(timeout)
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RoutingException(
                    "routing-service unreachable for a token at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoutingException("interrupted asking for a token", e);
        }
        if (response.statusCode() != 200) {
            throw new RoutingException(
                    "routing-service refused client "
                            + id
                            + " a token ("
                            + response.statusCode()
                            + "): "
                            + RoutingException.problemDetail(response.body()));
        }
        TokenResponse answer;
        try {
            answer = JSON.readValue(response.body(), TokenResponse.class);
        } catch (IOException e) {
            throw new RoutingException("unreadable token answer from routing-service", e);
        }
        if (answer.accessToken() == null
                || answer.accessToken().isBlank()
                || !TokenResponse.BEARER.equalsIgnoreCase(answer.tokenType())
                || answer.expiresInSeconds() <= 0) {
            throw new RoutingException(
                    "routing-service's token answer lacks a bearer token or its lifetime");
        }
        Duration life = Duration.ofSeconds(answer.expiresInSeconds());
        Duration margin = life.dividedBy(5);
        if (margin.compareTo(MAX_MARGIN) > 0) {
            margin = MAX_MARGIN;
        }
        token = answer.accessToken();
        expiresAt = now.plus(life);
        renewAt = expiresAt.minus(margin);
        LOG.info("routing token for client {} valid for {}", id, life);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
