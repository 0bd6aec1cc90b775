package io.ringstream.bridge.agi;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The FastAGI side of the bridge: where Asterisk connects and where routing-service answers.
 *
 * @param port the FastAGI port Asterisk dials ({@code agi://bridge:4573/route}); 4573 by default
 * @param routingUrl routing-service's base URL, e.g. {@code http://routing-service:8080}
 * @param requestTimeout how long one call to routing-service may take beyond the route wait
 * @param routeWait how long routing-service may hold a route request for an agent before it answers
 *     WAIT (the caller hears silence meanwhile, so keep it short)
 */
public record FastAgiConfig(int port, URI routingUrl, Duration requestTimeout, Duration routeWait) {

    public static final int DEFAULT_PORT = 4573;
    public static final String ENV_PORT = "RINGSTREAM_FASTAGI_PORT";
    public static final String ENV_ROUTING_URL = "RINGSTREAM_ROUTING_URL";
    public static final String ENV_ROUTE_WAIT = "RINGSTREAM_FASTAGI_ROUTE_WAIT_MS";

    public FastAgiConfig {
        Objects.requireNonNull(routingUrl, "routingUrl");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(routeWait, "routeWait");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("FastAGI port must be 0..65535, not " + port);
        }
    }

    /** Port 4573, a 3 s request timeout on top of a 2 s route wait. */
    public static FastAgiConfig of(URI routingUrl) {
        return new FastAgiConfig(
                DEFAULT_PORT, routingUrl, Duration.ofSeconds(3), Duration.ofSeconds(2));
    }

    public FastAgiConfig withPort(int newPort) {
        return new FastAgiConfig(newPort, routingUrl, requestTimeout, routeWait);
    }

    public FastAgiConfig withRouteWait(Duration wait) {
        return new FastAgiConfig(port, routingUrl, requestTimeout, wait);
    }

    /**
     * Reads {@code RINGSTREAM_ROUTING_URL} (FastAGI is off without it), {@code
     * RINGSTREAM_FASTAGI_PORT} (4573) and {@code RINGSTREAM_FASTAGI_ROUTE_WAIT_MS} (2000).
     *
     * @return null when RINGSTREAM_ROUTING_URL is not set
     * @throws IllegalArgumentException naming a malformed variable
     */
    public static FastAgiConfig fromEnv(Map<String, String> env) {
        String url = env.get(ENV_ROUTING_URL);
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV_ROUTING_URL + " is not a URL: " + url, e);
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw new IllegalArgumentException(ENV_ROUTING_URL + " must be http(s): " + url);
        }
        FastAgiConfig config = of(uri);
        String port = env.get(ENV_PORT);
        if (port != null && !port.isBlank()) {
            config = config.withPort(number(ENV_PORT, port));
        }
        String wait = env.get(ENV_ROUTE_WAIT);
        if (wait != null && !wait.isBlank()) {
            config = config.withRouteWait(Duration.ofMillis(number(ENV_ROUTE_WAIT, wait)));
        }
        return config;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'", e);
        }
    }
}
