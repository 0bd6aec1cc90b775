package io.ringstream.routing.contract.client;

import io.ringstream.secrets.Secrets;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a deployable (telephony bridge, channel gateway) proves itself to routing-service, which
 * answers 401 to a request without a bearer token. One of:
 *
 * <ul>
 *   <li>a pre-issued token (role PBX), from {@code RINGSTREAM_ROUTING_TOKEN} or the file named by
 *       {@code RINGSTREAM_ROUTING_TOKEN_FILE}; sent as it is until routing-service refuses it;
 *   <li>client credentials: {@code RINGSTREAM_ROUTING_CLIENT_ID} with {@code
 *       RINGSTREAM_ROUTING_CLIENT_SECRET} or {@code RINGSTREAM_ROUTING_CLIENT_SECRET_FILE}; the
 *       deployable asks {@code POST /v1/auth/token} for tokens and renews them ({@link
 *       AccessTokens});
 *   <li>a token source, in code only ({@link #source}): something that holds the signing key mints
 *       tokens itself, as the launcher's local stack does; asked before every request, it caches
 *       and renews on its own.
 * </ul>
 *
 * {@link #none()} sends no token (tests against a stand-in routing-service). {@link #toString()}
 * never prints a token or secret.
 */
public final class RoutingCredentials {
    public static final String ENV_TOKEN = "RINGSTREAM_ROUTING_TOKEN";
    public static final String ENV_CLIENT_ID = "RINGSTREAM_ROUTING_CLIENT_ID";
    public static final String ENV_CLIENT_SECRET = "RINGSTREAM_ROUTING_CLIENT_SECRET";

    /** The variables of client credentials, for error messages. */
    private static final String CLIENT_VARIABLES =
            ENV_CLIENT_ID
                    + " and "
                    + ENV_CLIENT_SECRET
                    + " (or "
                    + ENV_CLIENT_SECRET
                    + Secrets.FILE_SUFFIX
                    + ")";

    private static final RoutingCredentials NONE = new RoutingCredentials(null, null, null, null);

    private final String token;
    private final String clientId;
    private final String clientSecret;
    private final Supplier<String> source;

    private RoutingCredentials(
            String token, String clientId, String clientSecret, Supplier<String> source) {
        this.token = token;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.source = source;
    }

    /** No token at all. */
    public static RoutingCredentials none() {
        return NONE;
    }

    /** A pre-issued bearer token. */
    public static RoutingCredentials token(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the routing token is empty");
        }
        return new RoutingCredentials(token.trim(), null, null, null);
    }

    /**
     * Tokens from {@code source}, asked before every request: it must answer fast (from a cache)
     * and renew before its token expires. For a process that holds the signing key, never for
     * configuration.
     */
    public static RoutingCredentials source(Supplier<String> source) {
        Objects.requireNonNull(source, "source");
        return new RoutingCredentials(null, null, null, source);
    }

    /** A machine client's id and secret, exchanged for tokens. */
    public static RoutingCredentials client(String id, String secret) {
        if (id == null || id.isBlank() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("client credentials need an id and a secret");
        }
        return new RoutingCredentials(null, id.trim(), secret, null);
    }

    /**
     * Reads the variables above: exactly one of a token or client credentials.
     *
     * @throws IllegalArgumentException naming the variables to set, never a value
     */
    public static RoutingCredentials fromEnv(Map<String, String> env) {
        Secrets secrets = Secrets.from(env);
        Optional<String> token = read(secrets, ENV_TOKEN);
        Optional<String> secret = read(secrets, ENV_CLIENT_SECRET);
        String id = env.get(ENV_CLIENT_ID);
        boolean client = (id != null && !id.isBlank()) || secret.isPresent();
        if (token.isPresent() && client) {
            throw new IllegalArgumentException(
                    "set " + ENV_TOKEN + " or the routing client credentials, not both");
        }
        if (token.isPresent()) {
            return token(token.get());
        }
        if (!client) {
            throw new IllegalArgumentException(
                    "credentials for routing-service are missing: set "
                            + ENV_TOKEN
                            + " (or "
                            + ENV_TOKEN
                            + Secrets.FILE_SUFFIX
                            + "), or "
                            + CLIENT_VARIABLES);
        }
        if (id == null || id.isBlank() || secret.isEmpty()) {
            throw new IllegalArgumentException(
                    "routing client credentials need both " + CLIENT_VARIABLES);
        }
        return client(id, secret.get());
    }

    private static Optional<String> read(Secrets secrets, String name) {
        try {
            return secrets.optional(name);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public boolean isNone() {
        return token == null && clientId == null && source == null;
    }

    /** The token source, if that is what these are. */
    Optional<Supplier<String>> tokenSource() {
        return Optional.ofNullable(source);
    }

    /** The pre-issued token, if that is what these are. */
    Optional<String> fixedToken() {
        return Optional.ofNullable(token);
    }

    /** The client id, if these are client credentials. */
    Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    String clientSecret() {
        return clientSecret;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingCredentials other
                && Objects.equals(token, other.token)
                && Objects.equals(clientId, other.clientId)
                && Objects.equals(clientSecret, other.clientSecret)
                && Objects.equals(source, other.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(token, clientId, clientSecret, source);
    }

    /** What kind they are, never a token or secret. */
    @Override
    public String toString() {
        if (token != null) {
            return "pre-issued token ***";
        }
        if (clientId != null) {
            return "client " + clientId + " (secret ***)";
        }
        if (source != null) {
            return "a token source ***";
        }
        return "no credentials";
    }
}
