package io.ringstream.bridge.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ringstream.events.Channel;
import io.ringstream.routing.contract.RouteRequest;
import io.ringstream.routing.contract.client.RoutingCredentials;
import io.ringstream.routing.contract.client.RoutingException;
import io.ringstream.routing.contract.client.RoutingHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's bearer token for routing-service: fetched with client credentials, reused, renewed
 * ahead of expiry, and replaced once on a 401. A real HTTP server plays routing-service's token and
 * route endpoints; a hand-moved clock stands in for time.
 */
class RoutingClientTokensTest {
    private static final String WAIT =
            "{\"action\":\"WAIT\",\"queue\":\"sales\",\"position\":1,"
                    + "\"estimatedWaitSeconds\":10,\"retryAfterSeconds\":5}";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final AtomicInteger issued = new AtomicInteger();
    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> routeAuthorizations = new CopyOnWriteArrayList<>();
    private volatile long expiresIn = 600;
    private volatile int tokenStatus = 200;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(RoutingHttp.TOKEN_PATH, this::token);
        server.createContext("/v1/route", this::route);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        tokenRequests.add(
                exchange.getRequestMethod()
                        + " "
                        + exchange.getRequestHeaders().getFirst("Authorization")
                        + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type")
                        + " "
                        + body);
        if (tokenStatus != 200) {
            reply(exchange, tokenStatus, "{\"status\":" + tokenStatus + ",\"detail\":\"down\"}");
            return;
        }
        String token = "t" + issued.incrementAndGet();
        valid.add(token);
        reply(
                exchange,
                200,
                "{\"access_token\":\""
                        + token
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                        + expiresIn
                        + "}");
    }

    private void route(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        routeAuthorizations.add(String.valueOf(authorization));
        boolean ok =
                authorization != null
                        && authorization.startsWith("Bearer ")
                        && valid.contains(authorization.substring("Bearer ".length()));
        reply(exchange, ok ? 200 : 401, ok ? WAIT : "{\"status\":401,\"detail\":\"no token\"}");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private RoutingClient client(RoutingCredentials credentials) {
        return new RoutingClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(5),
                credentials,
                clock);
    }

    private static RouteRequest request() {
        return new RouteRequest(
                null,
                "c1",
                "sales",
                Channel.VOICE,
                Map.of(),
                null,
                null,
                null,
                null,
                0L,
                null,
                null);
    }

    @Test
    void clientCredentialsAreExchangedOnceAndTheTokenReused() {
        RoutingClient routing = client(RoutingCredentials.client("pbx-east", "s3cret"));

        routing.route(request());
        routing.route(request());

        String basic = Base64.getEncoder().encodeToString("pbx-east:s3cret".getBytes());
        assertThat(tokenRequests)
                .containsExactly(
                        "POST Basic "
                                + basic
                                + " application/x-www-form-urlencoded"
                                + " grant_type=client_credentials");
        assertThat(routeAuthorizations).containsExactly("Bearer t1", "Bearer t1");
    }

    @Test
    void theIdAndSecretAreFormEncodedBeforeBasicAuth() {
        client(RoutingCredentials.client("pbx:east", "p@ss word")).route(request());

        String basic = Base64.getEncoder().encodeToString("pbx%3Aeast:p%40ss+word".getBytes());
        assertThat(tokenRequests.get(0)).startsWith("POST Basic " + basic + " ");
    }

    @Test
    void aLongLivedTokenIsRenewedWhenAMinuteIsLeft() {
        RoutingClient routing = client(RoutingCredentials.client("pbx-east", "s3cret"));
        routing.route(request());

        clock.move(Duration.ofSeconds(539));
        routing.route(request());
        clock.move(Duration.ofSeconds(2));
        routing.route(request());

        assertThat(routeAuthorizations).containsExactly("Bearer t1", "Bearer t1", "Bearer t2");
    }

    @Test
    void aShortLivedTokenIsRenewedWhenAFifthOfItsLifeIsLeft() {
        expiresIn = 100;
        RoutingClient routing = client(RoutingCredentials.client("pbx-east", "s3cret"));
        routing.route(request());

        clock.move(Duration.ofSeconds(79));
        routing.route(request());
        clock.move(Duration.ofSeconds(2));
        routing.route(request());

        assertThat(routeAuthorizations).containsExactly("Bearer t1", "Bearer t1", "Bearer t2");
    }

    @Test
    void a401IsAnsweredWithOneFreshTokenAndOneRetry() {
        RoutingClient routing = client(RoutingCredentials.client("pbx-east", "s3cret"));
        routing.route(request());
        valid.remove("t1");

        routing.route(request());

        assertThat(routeAuthorizations).containsExactly("Bearer t1", "Bearer t1", "Bearer t2");
        assertThat(tokenRequests).hasSize(2);
    }

    @Test
    void aSecond401FailsTheCallWithoutLooping() {
        RoutingClient routing = client(RoutingCredentials.client("pbx-east", "s3cret"));
        valid.clear();
        server.removeContext(RoutingHttp.TOKEN_PATH);
        server.createContext(
                RoutingHttp.TOKEN_PATH,
                exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    tokenRequests.add("revoked");
                    reply(
                            exchange,
                            200,
                            "{\"access_token\":\"revoked\",\"token_type\":\"Bearer\","
                                    + "\"expires_in\":600}");
                });

        assertThatThrownBy(() -> routing.route(request()))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("401");
        assertThat(routeAuthorizations).hasSize(2);
        assertThat(tokenRequests).hasSize(2);
    }

    @Test
    void aFailedRenewalKeepsAStillValidTokenUntilItExpires() {
        RoutingClient routing = client(RoutingCredentials.client("pbx-east", "s3cret"));
        routing.route(request());
        tokenStatus = 503;

        clock.move(Duration.ofSeconds(560));
        routing.route(request());
        clock.move(Duration.ofSeconds(40));

        assertThat(routeAuthorizations).containsExactly("Bearer t1", "Bearer t1");
        assertThatThrownBy(() -> routing.route(request()))
                .hasMessageContaining("refused client pbx-east a token (503)")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aPreIssuedTokenIsSentAndNotRetried() {
        valid.add("pre-issued");
        RoutingClient routing = client(RoutingCredentials.token("pre-issued"));
        routing.route(request());
        valid.clear();

        assertThatThrownBy(() -> routing.route(request())).hasMessageContaining("401");
        assertThat(routeAuthorizations).containsExactly("Bearer pre-issued", "Bearer pre-issued");
        assertThat(tokenRequests).isEmpty();
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
