package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plays routing-service with the JDK's HTTP server: secured, refusing, open, or not healthy. */
class RoutingServiceCheckTest {
    private static final String GOOD = "good-token";

    private HttpServer server;
    private RoutingServiceCheck check;
    private volatile int health = 200;
    private volatile int withGoodToken = 200;
    private volatile int withoutToken = 401;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> answer(exchange, health));
        server.createContext(
                RoutingServiceCheck.PROBE,
                exchange -> {
                    String auth = exchange.getRequestHeaders().getFirst("Authorization");
                    if (auth == null) {
                        answer(exchange, withoutToken);
                    } else {
                        answer(exchange, auth.equals("Bearer " + GOOD) ? withGoodToken : 401);
                    }
                });
        server.start();
        check =
                new RoutingServiceCheck(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aServiceThatTakesTheLocalTokenAndRefusesNoTokenIsReportedAsAccepting() throws Exception {
        RoutingServiceCheck.Outcome outcome = check.check(GOOD, Duration.ofSeconds(5), () -> true);

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.message()).endsWith("accepts local tokens");
    }

    @Test
    void aRefusedTokenIsAWarningWithTheStatus() throws Exception {
        RoutingServiceCheck.Outcome outcome =
                check.check("signed-with-another-key", Duration.ofSeconds(5), () -> true);

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("refused a local supervisor token: HTTP 401");
    }

    @Test
    void aServiceThatAnswersWithoutATokenIsAWarning() throws Exception {
        withoutToken = 200;

        RoutingServiceCheck.Outcome outcome = check.check(GOOD, Duration.ofSeconds(5), () -> true);

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("HTTP 200 without a token");
    }

    @Test
    void anUnavailableProbeIsAWarningWithTheStatus() throws Exception {
        withGoodToken = 503;

        RoutingServiceCheck.Outcome outcome = check.check(GOOD, Duration.ofSeconds(5), () -> true);

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("HTTP 503");
    }

    @Test
    void anExitedProcessEndsTheWaitAtOnce() throws Exception {
        health = 503;

        RoutingServiceCheck.Outcome outcome = check.check(GOOD, Duration.ofHours(1), () -> false);

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("exited");
    }

    @Test
    void theWaitForHealthIsBounded() throws Exception {
        health = 503;

        RoutingServiceCheck.Outcome outcome = check.check(GOOD, Duration.ZERO, () -> true);

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.message()).contains("did not answer /health within 0 s");
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
