package io.ringstream.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings {@code up} gives the in-process channel gateway, as the environment variables a
 * deployment would set (so both paths go through {@code GatewaySettings.fromEnvironment}): the
 * caller's environment (e.g. a WhatsApp app secret file), minus any signing key or routing
 * credential it happens to export, plus the local wiring. The client secret is {@code up}'s own,
 * made for this run; the map never leaves the process.
 */
final class GatewayEnvironment {
    /** The pages routing-service serves in {@code up}: the widget demo and the desktop. */
    static final String ALLOWED_ORIGINS = "http://127.0.0.1:8080,http://localhost:8080";

    private static final List<String> NOT_INHERITED =
            List.of(
                    "RINGSTREAM_JWT_SECRET",
                    "RINGSTREAM_ROUTING_TOKEN",
                    "RINGSTREAM_ROUTING_TOKEN_FILE",
                    "RINGSTREAM_ROUTING_CLIENT_SECRET_FILE");

    private GatewayEnvironment() {}

    static Map<String, String> forUp(
            Map<String, String> inherited,
            String host,
            int port,
            String kafkaBootstrap,
            Path signingKey,
            int routingPort,
            String clientId,
            String clientSecret) {
        Map<String, String> env = new HashMap<>(inherited);
        NOT_INHERITED.forEach(env::remove);
        env.put("RINGSTREAM_GATEWAY_HOST", host);
        env.put("RINGSTREAM_GATEWAY_PORT", String.valueOf(port));
        env.put("RINGSTREAM_KAFKA_BOOTSTRAP", kafkaBootstrap);
        env.put("RINGSTREAM_JWT_SECRET_FILE", signingKey.toString());
        env.put("RINGSTREAM_ROUTING_URL", "http://" + host + ":" + routingPort);
        env.put("RINGSTREAM_ROUTING_CLIENT_ID", clientId);
        env.put("RINGSTREAM_ROUTING_CLIENT_SECRET", clientSecret);
        env.put("RINGSTREAM_CHAT_ALLOWED_ORIGINS", ALLOWED_ORIGINS);
        return Map.copyOf(env);
    }
}
