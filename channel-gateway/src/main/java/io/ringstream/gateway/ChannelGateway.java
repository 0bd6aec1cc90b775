package io.ringstream.gateway;

/**
 * The channel gateway as a process hosts it ({@code GatewayMain}, or the launcher's {@code up}):
 * start it from settings, ask which port it listens on, close it. Closing stops accepting, closes
 * every WebSocket with "going away" (1001) and flushes the Kafka hand-off.
 */
public final class ChannelGateway implements AutoCloseable {

    private ChannelGateway() {}

    /** Starts the gateway; fails fast on a bad setting or a port in use. */
    public static ChannelGateway start(GatewaySettings settings) {
        throw new UnsupportedOperationException("skeleton: helper A implements the gateway");
    }

    /** The port it listens on (the configured one, or the one picked for port 0). */
    public int port() {
        throw new UnsupportedOperationException("skeleton");
    }

    @Override
    public void close() {}
}
