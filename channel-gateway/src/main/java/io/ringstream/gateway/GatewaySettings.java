package io.ringstream.gateway;

import io.ringstream.routing.contract.client.RoutingCredentials;
import io.ringstream.secrets.Secrets;
import io.ringstream.security.tokens.SigningKey;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * Everything the gateway reads at start, from {@code RINGSTREAM_*} environment variables (the table
 * in docs/channels.md, "Gateway limits", and the README's configuration table), so the deployable
 * and the launcher configure it the same way. A missing required variable or an unreadable value
 * fails the start with a message that names the variable, never a secret's value.
 *
 * @param environment the variables as given, for the providers' own settings ({@code
 *     ProviderSettings.fromEnvironment}) and nothing else
 */
public record GatewaySettings(
        String host,
        int port,
        String kafkaBootstrap,
        SigningKey jwtKey,
        URI routingUrl,
        RoutingCredentials routingCredentials,
        Duration routingTimeout,
        Set<String> allowedOrigins,
        ChatLimits limits,
        WidgetConfig widgets,
        Path channelsFile,
        Duration assignmentLookback,
        Map<String, String> environment) {

    public static final String PORT = "RINGSTREAM_GATEWAY_PORT";
    public static final String HOST = "RINGSTREAM_GATEWAY_HOST";
    public static final String KAFKA = "RINGSTREAM_KAFKA_BOOTSTRAP";
    public static final String JWT_SECRET = "RINGSTREAM_JWT_SECRET";
    public static final String ROUTING_URL = "RINGSTREAM_ROUTING_URL";
    public static final String ROUTING_TIMEOUT_MS = "RINGSTREAM_ROUTING_TIMEOUT_MS";
    public static final String ALLOWED_ORIGINS = "RINGSTREAM_CHAT_ALLOWED_ORIGINS";
    public static final String CHANNELS_FILE = "RINGSTREAM_CHANNELS_FILE";
    public static final String ASSIGNMENT_LOOKBACK_SECONDS =
            "RINGSTREAM_GATEWAY_ASSIGNMENT_LOOKBACK_SECONDS";
    public static final String MAX_SESSIONS = "RINGSTREAM_CHAT_MAX_SESSIONS";
    public static final String MAX_SESSIONS_PER_ADDRESS =
            "RINGSTREAM_CHAT_MAX_SESSIONS_PER_ADDRESS";
    public static final String IDLE_SECONDS = "RINGSTREAM_CHAT_IDLE_SECONDS";
    public static final String AGENT_IDLE_SECONDS = "RINGSTREAM_CHAT_AGENT_IDLE_SECONDS";
    public static final String MAX_FRAME_BYTES = "RINGSTREAM_CHAT_MAX_FRAME_BYTES";
    public static final String MAX_TEXT_CHARS = "RINGSTREAM_CHAT_MAX_TEXT_CHARS";
    public static final String RATE = "RINGSTREAM_CHAT_MESSAGES_PER_SECOND";
    public static final String BURST = "RINGSTREAM_CHAT_BURST";
    public static final String ADDRESS_RATE = "RINGSTREAM_CHAT_ADDRESS_MESSAGES_PER_SECOND";
    public static final String MAX_PENDING_FRAMES = "RINGSTREAM_CHAT_MAX_PENDING_FRAMES";
    public static final String MAX_PENDING_BYTES = "RINGSTREAM_CHAT_MAX_PENDING_BYTES";
    public static final String HISTORY = "RINGSTREAM_CHAT_HISTORY_ENTRIES";
    public static final String RESUME_GRACE_SECONDS = "RINGSTREAM_CHAT_RESUME_GRACE_SECONDS";
    public static final String CONVERSATION_IDLE_SECONDS =
            "RINGSTREAM_CHAT_CONVERSATION_IDLE_SECONDS";
    public static final String CLOSED_RETENTION_SECONDS =
            "RINGSTREAM_CHAT_CLOSED_RETENTION_SECONDS";

    public GatewaySettings {
        allowedOrigins = Set.copyOf(allowedOrigins);
        environment = Map.copyOf(environment);
    }

    /** The settings the given environment names; refuses a missing required one. */
    public static GatewaySettings fromEnvironment(Map<String, String> env) {
        Secrets secrets = Secrets.from(env);
        String jwt = secrets.required(JWT_SECRET);
        ChatLimits d = ChatLimits.defaults();
        ChatLimits limits =
                new ChatLimits(
                        positive(env, MAX_SESSIONS, d::maxSessions),
                        positive(env, MAX_SESSIONS_PER_ADDRESS, d::maxSessionsPerAddress),
                        seconds(env, IDLE_SECONDS, d.visitorIdle()),
                        seconds(env, AGENT_IDLE_SECONDS, d.agentIdle()),
                        positive(env, MAX_FRAME_BYTES, d::maxFrameBytes),
                        positive(env, MAX_TEXT_CHARS, d::maxTextChars),
                        positive(env, RATE, d::messagesPerSecond),
                        positive(env, BURST, d::burst),
                        positive(env, ADDRESS_RATE, d::addressMessagesPerSecond),
                        d.rateViolations(),
                        d.badFrames(),
                        positive(env, MAX_PENDING_FRAMES, d::maxPendingFrames),
                        positive(env, MAX_PENDING_BYTES, () -> (int) d.maxPendingBytes()),
                        positive(env, HISTORY, d::historyEntries),
                        seconds(env, RESUME_GRACE_SECONDS, d.resumeGrace()),
                        seconds(env, CONVERSATION_IDLE_SECONDS, d.conversationIdle()),
                        seconds(env, CLOSED_RETENTION_SECONDS, d.closedRetention()));
        String file = env.get(CHANNELS_FILE);
        Path channelsFile = file == null || file.isBlank() ? null : Path.of(file.trim());
        return new GatewaySettings(
                env.getOrDefault(HOST, "0.0.0.0").trim(),
                port(env),
                required(env, KAFKA),
                SigningKey.fromSecret(jwt.trim()),
                uri(required(env, ROUTING_URL)),
                RoutingCredentials.fromEnv(env),
                Duration.ofMillis(positive(env, ROUTING_TIMEOUT_MS, () -> 5_000)),
                origins(env.get(ALLOWED_ORIGINS)),
                limits,
                WidgetConfig.load(channelsFile),
                channelsFile,
                seconds(env, ASSIGNMENT_LOOKBACK_SECONDS, Duration.ofMinutes(5)),
                env);
    }

    /** The same settings with other limits (tests reach a limit without many connections). */
    public GatewaySettings withLimits(ChatLimits other) {
        return new GatewaySettings(
                host,
                port,
                kafkaBootstrap,
                jwtKey,
                routingUrl,
                routingCredentials,
                routingTimeout,
                allowedOrigins,
                other,
                widgets,
                channelsFile,
                assignmentLookback,
                environment);
    }

    /**
     * The same settings with other routing credentials, e.g. a token source for a process that
     * holds the signing key (the launcher).
     */
    public GatewaySettings withRoutingCredentials(RoutingCredentials other) {
        return new GatewaySettings(
                host,
                port,
                kafkaBootstrap,
                jwtKey,
                routingUrl,
                other,
                routingTimeout,
                allowedOrigins,
                limits,
                widgets,
                channelsFile,
                assignmentLookback,
                environment);
    }

    /** Nothing secret: the key and credentials print as their kind only. */
    @Override
    public String toString() {
        return "GatewaySettings["
                + host
                + ":"
                + port
                + ", kafka "
                + kafkaBootstrap
                + ", routing "
                + routingUrl
                + " ("
                + routingCredentials
                + "), origins "
                + allowedOrigins
                + ", "
                + limits
                + "]";
    }

    private static int port(Map<String, String> env) {
        String value = env.get(PORT);
        if (value == null || value.isBlank()) {
            return 8090;
        }
        int port = integer(PORT, value);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(PORT + " must be 0..65535: " + value);
        }
        return port;
    }

    private static Set<String> origins(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.trim();
    }

    private static URI uri(String value) {
        try {
            URI uri = URI.create(value.endsWith("/") ? value : value + "/");
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ROUTING_URL + " is not a URL: " + value, e);
        }
    }

    private static int positive(Map<String, String> env, String name, IntSupplier fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback.getAsInt();
        }
        int n = integer(name, value);
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
        return n;
    }

    private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        return value == null || value.isBlank()
                ? fallback
                : Duration.ofSeconds(positive(env, name, () -> 0));
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + value);
        }
    }
}
