package io.ringstream.bridge.ingest;

import java.time.Duration;
import java.util.Map;

/**
 * The transcript ingest endpoint's settings, read once from the environment by the bridge or built
 * in code by tests. Every request except {@code GET /health} must carry credentials ({@link
 * IngestCredentials}); answers to refused callers are 401 (none or invalid) and 403 (valid, but
 * without role INGEST, or a segment naming another tenant), always as problem+json.
 *
 * @param bindAddress the interface to listen on ({@code 0.0.0.0}: all)
 * @param port the HTTP port (0: any free port, for tests)
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param maxSegments most segments one request may carry
 * @param threads requests handled at once; beyond {@code threads + queue} the server stops
 *     accepting until one finishes (back-pressure, not dropped requests)
 * @param queue requests waiting for a thread
 * @param publishTimeout how long a request waits for Kafka to acknowledge its segments
 * @param credentials what callers prove themselves with; the server does not start with none
 */
public record IngestConfig(
        String bindAddress,
        int port,
        int maxBodyBytes,
        int maxSegments,
        int threads,
        int queue,
        Duration publishTimeout,
        IngestCredentials credentials) {

    public static final String ENV_PORT = "RINGSTREAM_INGEST_PORT";
    public static final String ENV_BIND = "RINGSTREAM_INGEST_BIND";
    public static final int DEFAULT_PORT = 8090;

    public IngestConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("ingest port must be 0..65535, not " + port);
        }
        if (maxBodyBytes < 1 || maxSegments < 1 || threads < 1 || queue < 0) {
            throw new IllegalArgumentException("ingest limits must be positive");
        }
        if (publishTimeout == null || publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException("publishTimeout must be positive");
        }
        credentials = credentials == null ? IngestCredentials.NONE : credentials;
    }

    /**
     * 64 KiB bodies, 100 segments per request, 4 threads, 64 queued, 5 s to publish; no credentials
     * yet (add them with {@link #withCredentials}).
     */
    public static IngestConfig onPort(int port) {
        return new IngestConfig(
                "0.0.0.0",
                port,
                64 * 1024,
                100,
                4,
                64,
                Duration.ofSeconds(5),
                IngestCredentials.NONE);
    }

    public IngestConfig withBindAddress(String address) {
        return new IngestConfig(
                address,
                port,
                maxBodyBytes,
                maxSegments,
                threads,
                queue,
                publishTimeout,
                credentials);
    }

    public IngestConfig withLimits(int bodyBytes, int segments) {
        return new IngestConfig(
                bindAddress,
                port,
                bodyBytes,
                segments,
                threads,
                queue,
                publishTimeout,
                credentials);
    }

    public IngestConfig withCredentials(IngestCredentials newCredentials) {
        return new IngestConfig(
                bindAddress,
                port,
                maxBodyBytes,
                maxSegments,
                threads,
                queue,
                publishTimeout,
                newCredentials);
    }

    /**
     * Reads {@code RINGSTREAM_INGEST_PORT} (the endpoint is off without it; the compose stack and
     * the Dockerfile use 8090), {@code RINGSTREAM_INGEST_BIND} (0.0.0.0) and, when the endpoint is
     * on, the credentials: {@code RINGSTREAM_JWT_SECRET(_FILE)}, {@code
     * RINGSTREAM_INGEST_HMAC_SECRET(_FILE)}, {@code RINGSTREAM_INGEST_HMAC_TENANT} (see {@link
     * IngestCredentials}).
     *
     * @return null when the endpoint is off
     * @throws IllegalArgumentException naming a malformed variable, or both secret variables when
     *     neither is set
     */
    public static IngestConfig fromEnv(Map<String, String> env) {
        String port = env.get(ENV_PORT);
        if (port == null || port.isBlank()) {
            return null;
        }
        int number;
        try {
            number = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    ENV_PORT + " must be a number, not '" + port + "'", e);
        }
        IngestConfig config = onPort(number).withCredentials(IngestCredentials.fromEnv(env));
        String bind = env.get(ENV_BIND);
        return bind == null || bind.isBlank() ? config : config.withBindAddress(bind.trim());
    }
}
