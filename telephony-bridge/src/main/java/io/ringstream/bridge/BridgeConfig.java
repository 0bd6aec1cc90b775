package io.ringstream.bridge;

import io.ringstream.secrets.Secrets;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the AMI bridge needs to run, read once from the environment by {@link BridgeMain} or
 * built in code by the launcher and tests.
 *
 * @param serverName names the PBX in event sources ({@code ami:<serverName>}) and event ids
 * @param requireTimestamp dead-letter events without a usable AMI Timestamp (true: Ringstream
 *     expects {@code timestampevents=yes}); false uses the receive time instead
 * @param handOffCapacity events that may wait between the AMI reader and the publisher
 * @param pingInterval how often to ping the PBX; the socket read timeout is three intervals, so a
 *     silently dead TCP connection is noticed and Asterisk-Java reconnects (zero disables both)
 * @param minBackoff first delay before retrying a failed login; doubles up to {@code maxBackoff}
 */
public record BridgeConfig(
        String kafkaBootstrap,
        String amiHost,
        int amiPort,
        String amiUser,
        String amiSecret,
        String serverName,
        boolean requireTimestamp,
        int handOffCapacity,
        Duration pingInterval,
        Duration minBackoff,
        Duration maxBackoff) {

    public static final int DEFAULT_AMI_PORT = 5038;
    public static final String DEFAULT_SERVER_NAME = "pbx";
    public static final int DEFAULT_HAND_OFF_CAPACITY = 10_000;

    public BridgeConfig {
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(amiHost, "amiHost");
        Objects.requireNonNull(amiUser, "amiUser");
        Objects.requireNonNull(amiSecret, "amiSecret");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(minBackoff, "minBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (amiPort < 1 || amiPort > 65_535) {
            throw new IllegalArgumentException("amiPort must be 1..65535, not " + amiPort);
        }
        if (handOffCapacity < 1) {
            throw new IllegalArgumentException("handOffCapacity must be at least 1");
        }
        if (minBackoff.isNegative()
                || minBackoff.isZero()
                || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < minBackoff <= maxBackoff");
        }
    }

    /** With defaults: server name "pbx", timestamps required, 10 000 hand-off slots, 10 s pings. */
    public static BridgeConfig of(
            String kafkaBootstrap, String amiHost, int amiPort, String amiUser, String amiSecret) {
        return new BridgeConfig(
                kafkaBootstrap,
                amiHost,
                amiPort,
                amiUser,
                amiSecret,
                DEFAULT_SERVER_NAME,
                true,
                DEFAULT_HAND_OFF_CAPACITY,
                Duration.ofSeconds(10),
                Duration.ofMillis(500),
                Duration.ofSeconds(30));
    }

    /** The AMI secret's variable; {@code RINGSTREAM_AMI_SECRET_FILE} names a file holding it. */
    public static final String ENV_AMI_SECRET = "RINGSTREAM_AMI_SECRET";

    /**
     * Reads {@code RINGSTREAM_KAFKA_BOOTSTRAP}, {@code RINGSTREAM_AMI_HOST}, {@code
     * RINGSTREAM_AMI_USER} (required), the AMI secret from {@code RINGSTREAM_AMI_SECRET} or the
     * file named by {@code RINGSTREAM_AMI_SECRET_FILE} (required, one of the two, never both; a
     * file's trailing newline is dropped), {@code RINGSTREAM_AMI_PORT} (5038), {@code
     * RINGSTREAM_AMI_SERVER_NAME} ("pbx"), {@code RINGSTREAM_AMI_REQUIRE_TIMESTAMP} (true) and
     * {@code RINGSTREAM_AMI_HANDOFF_CAPACITY} (10000). The secret never comes from a command line
     * and never appears in {@link #toString()} or in a message.
     *
     * @throws IllegalArgumentException naming every missing or malformed variable
     */
    public static BridgeConfig fromEnv(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String kafka = required(env, "RINGSTREAM_KAFKA_BOOTSTRAP", problems);
        String host = required(env, "RINGSTREAM_AMI_HOST", problems);
        String user = required(env, "RINGSTREAM_AMI_USER", problems);
        String secret = secret(env, problems);
        int port = integer(env, "RINGSTREAM_AMI_PORT", DEFAULT_AMI_PORT, problems);
        int capacity =
                integer(
                        env,
                        "RINGSTREAM_AMI_HANDOFF_CAPACITY",
                        DEFAULT_HAND_OFF_CAPACITY,
                        problems);
        String requireTs = env.getOrDefault("RINGSTREAM_AMI_REQUIRE_TIMESTAMP", "true").trim();
        if (!requireTs.equalsIgnoreCase("true") && !requireTs.equalsIgnoreCase("false")) {
            problems.add("RINGSTREAM_AMI_REQUIRE_TIMESTAMP must be true or false");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "telephony-bridge configuration: " + String.join("; ", problems));
        }
        String name = env.getOrDefault("RINGSTREAM_AMI_SERVER_NAME", DEFAULT_SERVER_NAME).trim();
        return of(kafka, host, port, user, secret)
                .withServerName(name.isEmpty() ? DEFAULT_SERVER_NAME : name)
                .withRequireTimestamp(Boolean.parseBoolean(requireTs))
                .withHandOffCapacity(capacity);
    }

    public BridgeConfig withServerName(String name) {
        return new BridgeConfig(
                kafkaBootstrap,
                amiHost,
                amiPort,
                amiUser,
                amiSecret,
                name,
                requireTimestamp,
                handOffCapacity,
                pingInterval,
                minBackoff,
                maxBackoff);
    }

    public BridgeConfig withRequireTimestamp(boolean require) {
        return new BridgeConfig(
                kafkaBootstrap,
                amiHost,
                amiPort,
                amiUser,
                amiSecret,
                serverName,
                require,
                handOffCapacity,
                pingInterval,
                minBackoff,
                maxBackoff);
    }

    public BridgeConfig withHandOffCapacity(int capacity) {
        return new BridgeConfig(
                kafkaBootstrap,
                amiHost,
                amiPort,
                amiUser,
                amiSecret,
                serverName,
                requireTimestamp,
                capacity,
                pingInterval,
                minBackoff,
                maxBackoff);
    }

    public BridgeConfig withPingInterval(Duration interval) {
        return new BridgeConfig(
                kafkaBootstrap,
                amiHost,
                amiPort,
                amiUser,
                amiSecret,
                serverName,
                requireTimestamp,
                handOffCapacity,
                interval,
                minBackoff,
                maxBackoff);
    }

    public BridgeConfig withBackoff(Duration min, Duration max) {
        return new BridgeConfig(
                kafkaBootstrap,
                amiHost,
                amiPort,
                amiUser,
                amiSecret,
                serverName,
                requireTimestamp,
                handOffCapacity,
                pingInterval,
                min,
                max);
    }

    /** Never prints the secret: it shows as {@code ***}. */
    @Override
    public String toString() {
        return "BridgeConfig[kafka="
                + kafkaBootstrap
                + ", ami="
                + amiUser
                + ":***"
                + "@"
                + amiHost
                + ":"
                + amiPort
                + ", server="
                + serverName
                + ", requireTimestamp="
                + requireTimestamp
                + ", handOffCapacity="
                + handOffCapacity
                + ", ping="
                + pingInterval
                + ", backoff="
                + minBackoff
                + ".."
                + maxBackoff
                + "]";
    }

    private static String secret(Map<String, String> env, List<String> problems) {
        try {
            return Secrets.from(env).required(ENV_AMI_SECRET);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static String required(Map<String, String> env, String name, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            problems.add(name + " is required");
            return null;
        }
        return value.trim();
    }

    private static int integer(
            Map<String, String> env, String name, int fallback, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            problems.add(name + " must be a number, not '" + value + "'");
            return fallback;
        }
    }
}
