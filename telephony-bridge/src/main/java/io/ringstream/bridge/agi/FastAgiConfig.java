package io.ringstream.bridge.agi;

import io.ringstream.routing.contract.client.RoutingCredentials;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The FastAGI side of the bridge: where Asterisk connects, who may, and how the bridge calls
 * routing-service. Read by {@link #fromEnv} from:
 *
 * <ul>
 *   <li>{@code RINGSTREAM_ROUTING_URL}: routing-service's base URL; FastAGI is off without it
 *   <li>{@code RINGSTREAM_FASTAGI_BIND}: the address to listen on, an IP literal (default {@code
 *       127.0.0.1}; {@code 0.0.0.0} or {@code ::} for every interface)
 *   <li>{@code RINGSTREAM_FASTAGI_PORT}: 4573 by default
 *   <li>{@code RINGSTREAM_FASTAGI_ALLOW}: the PBX addresses that may connect, comma-separated IPs
 *       and CIDR blocks, IPv4 and IPv6 (default {@code 127.0.0.0/8,::1}, loopback only; see {@link
 *       AddressAllowList}). A connection from elsewhere is closed before any script runs, and
 *       counted and logged.
 *   <li>{@code RINGSTREAM_FASTAGI_ROUTE_WAIT_MS}: 2000 by default
 *   <li>credentials for routing-service, required: {@code RINGSTREAM_ROUTING_TOKEN(_FILE)}, or
 *       {@code RINGSTREAM_ROUTING_CLIENT_ID} with {@code RINGSTREAM_ROUTING_CLIENT_SECRET(_FILE)}
 *       ({@link RoutingCredentials})
 * </ul>
 *
 * @param port the FastAGI port Asterisk dials ({@code agi://bridge:4573/route}); 4573 by default
 * @param routingUrl routing-service's base URL, e.g. {@code http://routing-service:8080}
 * @param requestTimeout how long one call to routing-service may take beyond the route wait
 * @param routeWait how long routing-service may hold a route request for an agent before it answers
 *     WAIT (the caller hears silence meanwhile, so keep it short)
 * @param bindAddress the interface FastAGI listens on
 * @param allowed the PBX addresses FastAGI answers
 * @param credentials how the bridge proves itself to routing-service
 */
public record FastAgiConfig(
        int port,
        URI routingUrl,
        Duration requestTimeout,
        Duration routeWait,
        InetAddress bindAddress,
        AddressAllowList allowed,
        RoutingCredentials credentials) {

    public static final int DEFAULT_PORT = 4573;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final String ENV_PORT = "RINGSTREAM_FASTAGI_PORT";
    public static final String ENV_BIND = "RINGSTREAM_FASTAGI_BIND";
    public static final String ENV_ALLOW = "RINGSTREAM_FASTAGI_ALLOW";
    public static final String ENV_ROUTING_URL = "RINGSTREAM_ROUTING_URL";
    public static final String ENV_ROUTE_WAIT = "RINGSTREAM_FASTAGI_ROUTE_WAIT_MS";

    public FastAgiConfig {
        Objects.requireNonNull(routingUrl, "routingUrl");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(routeWait, "routeWait");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(credentials, "credentials");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("FastAGI port must be 0..65535, not " + port);
        }
    }

    /**
     * Port 4573 on 127.0.0.1, loopback clients only, a 3 s request timeout on top of a 2 s route
     * wait, and no token (add one with {@link #withToken} or {@link #withClientCredentials}).
     */
    public static FastAgiConfig of(URI routingUrl) {
        return new FastAgiConfig(
                DEFAULT_PORT,
                routingUrl,
                Duration.ofSeconds(3),
                Duration.ofSeconds(2),
                AddressAllowList.literal(DEFAULT_BIND),
                AddressAllowList.LOOPBACK,
                RoutingCredentials.none());
    }

    public FastAgiConfig withPort(int newPort) {
        return new FastAgiConfig(
                newPort, routingUrl, requestTimeout, routeWait, bindAddress, allowed, credentials);
    }

    public FastAgiConfig withRouteWait(Duration wait) {
        return new FastAgiConfig(
                port, routingUrl, requestTimeout, wait, bindAddress, allowed, credentials);
    }

    public FastAgiConfig withBindAddress(InetAddress address) {
        return new FastAgiConfig(
                port, routingUrl, requestTimeout, routeWait, address, allowed, credentials);
    }

    public FastAgiConfig withAllowed(AddressAllowList list) {
        return new FastAgiConfig(
                port, routingUrl, requestTimeout, routeWait, bindAddress, list, credentials);
    }

    public FastAgiConfig withCredentials(RoutingCredentials newCredentials) {
        return new FastAgiConfig(
                port, routingUrl, requestTimeout, routeWait, bindAddress, allowed, newCredentials);
    }

    /** Sends this pre-issued bearer token to routing-service. */
    public FastAgiConfig withToken(String token) {
        return withCredentials(RoutingCredentials.token(token));
    }

    /** Exchanges these client credentials for tokens at routing-service. */
    public FastAgiConfig withClientCredentials(String clientId, String clientSecret) {
        return withCredentials(RoutingCredentials.client(clientId, clientSecret));
    }

    /**
     * Reads the variables listed above.
     *
     * @return null when RINGSTREAM_ROUTING_URL is not set
     * @throws IllegalArgumentException naming a malformed or missing variable, never a secret
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
        FastAgiConfig config = of(uri).withCredentials(RoutingCredentials.fromEnv(env));
        String port = env.get(ENV_PORT);
        if (port != null && !port.isBlank()) {
            config = config.withPort(number(ENV_PORT, port));
        }
        String wait = env.get(ENV_ROUTE_WAIT);
        if (wait != null && !wait.isBlank()) {
            config = config.withRouteWait(Duration.ofMillis(number(ENV_ROUTE_WAIT, wait)));
        }
        String bind = env.get(ENV_BIND);
        if (bind != null && !bind.isBlank()) {
            config = config.withBindAddress(named(ENV_BIND, () -> AddressAllowList.literal(bind)));
        }
        String allow = env.get(ENV_ALLOW);
        if (allow != null && !allow.isBlank()) {
            config = config.withAllowed(named(ENV_ALLOW, () -> AddressAllowList.parse(allow)));
        }
        return config;
    }

    /** Never prints a token or secret, nor user info in the URL. */
    @Override
    public String toString() {
        return "FastAgiConfig[listen="
                + bindAddress.getHostAddress()
                + ":"
                + port
                + ", allow="
                + allowed
                + ", routing="
                + safe(routingUrl)
                + " with "
                + credentials
                + ", routeWait="
                + routeWait
                + ", requestTimeout="
                + requestTimeout
                + "]";
    }

    /** The URL without its user info, fit for logs. */
    static String safe(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        return url.getScheme()
                + "://***@"
                + url.getHost()
                + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    private static <T> T named(String name, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'", e);
        }
    }
}
