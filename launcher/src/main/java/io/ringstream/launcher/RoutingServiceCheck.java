package io.ringstream.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * After {@code up} starts routing-service: waits (bounded) for {@code /health}, then proves the
 * demo's sign-in path end to end, with a supervisor token signed by the local key on {@code GET
 * /v1/supervisor/queues}, and a request without one that must be refused. The user learns in one
 * line that local tokens work, instead of from a 401 later.
 */
final class RoutingServiceCheck {
    static final String PROBE = "/v1/supervisor/queues";
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** One line for the console; a warning when something is not as it should be. */
    record Outcome(boolean ok, String message) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;

    RoutingServiceCheck(URI base) {
        this.base = base;
    }

    /**
     * @param wait how long routing-service may take to answer {@code /health}
     * @param alive false once routing-service's process has exited: no point waiting then
     */
    Outcome check(String supervisorToken, Duration wait, BooleanSupplier alive)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        while (status("/health", Optional.empty()) != 200) {
            if (!alive.getAsBoolean()) {
                return new Outcome(false, "routing-service exited during start-up");
            }
            if (!Instant.now().isBefore(deadline)) {
                return new Outcome(
                        false,
                        "routing-service did not answer /health within " + wait.toSeconds() + " s");
            }
            // Production polling with a deadline, not test synchronisation.
            Thread.sleep(POLL.toMillis());
        }
        int withToken = status(PROBE, Optional.of(supervisorToken));
        if (withToken == 401 || withToken == 403) {
            return new Outcome(
                    false,
                    "routing-service on "
                            + base
                            + " refused a local supervisor token: HTTP "
                            + withToken);
        }
        if (withToken < 200 || withToken > 299) {
            return new Outcome(
                    false,
                    "routing-service on "
                            + base
                            + " answered HTTP "
                            + withToken
                            + " to a local supervisor token on "
                            + PROBE);
        }
        int without = status(PROBE, Optional.empty());
        if (without != 401) {
            return new Outcome(
                    false,
                    "routing-service on "
                            + base
                            + " answered HTTP "
                            + without
                            + " without a token on "
                            + PROBE
                            + "; it should answer 401");
        }
        return new Outcome(true, "routing-service on " + base + " accepts local tokens");
    }

    /** The HTTP status, or -1 when nothing answered. */
    private int status(String path, Optional<String> token) throws InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notUpYet) {
            return -1;
        }
    }
}
