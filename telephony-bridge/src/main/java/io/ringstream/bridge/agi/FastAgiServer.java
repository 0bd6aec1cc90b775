package io.ringstream.bridge.agi;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.AgiServerThread;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's FastAGI endpoint (Asterisk-Java's server on its own thread): Asterisk runs {@code
 * AGI(agi://bridge:4573/route?queue=sales)} and, after Dial, {@code
 * AGI(agi://bridge:4573/route-result?status=${DIALSTATUS})}. It listens on the configured address
 * only and answers only the allowed PBX addresses ({@link FastAgiConfig}).
 */
public final class FastAgiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FastAgiServer.class);

    public static final String ROUTE = "route";
    public static final String ROUTE_RESULT = "route-result";

    /** How long a start may wait for the socket to be bound. */
    private static final long BIND_TIMEOUT_SECONDS = 10;

    private final AgiServerThread thread;
    private final AllowListAgiServer server;
    private final int port;

    private FastAgiServer(AgiServerThread thread, AllowListAgiServer server, int port) {
        this.thread = thread;
        this.server = server;
        this.port = port;
    }

    /**
     * Starts listening on {@code config.bindAddress():config.port()} and returns once bound.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static FastAgiServer start(FastAgiConfig config) {
        return start(config, CustomerListener.NONE);
    }

    /**
     * Starts listening as {@link #start(FastAgiConfig)}, telling {@code customers} each customer a
     * route answer names.
     */
    public static FastAgiServer start(FastAgiConfig config, CustomerListener customers) {
        return start(config, customers, RoutingClient.of(config));
    }

    /**
     * Starts listening as {@link #start(FastAgiConfig, CustomerListener)}, calling routing-service
     * through {@code routing} (shared with the AMI side, so both use one token).
     */
    public static FastAgiServer start(
            FastAgiConfig config, CustomerListener customers, RoutingClient routing) {
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        // A HashMap: a connection naming no script looks up null, which Map.of would throw on.
        Map<String, AgiScript> scripts = new HashMap<>();
        scripts.put(ROUTE, new RouteScript(routing, config.routeWait().toMillis(), customers));
        scripts.put(ROUTE_RESULT, new RouteResultScript(routing));
        mapping.setMappings(scripts);
        AllowListAgiServer server = new AllowListAgiServer(mapping, config.allowed());
        server.setAddress(config.bindAddress());
        server.setPort(config.port());
        AgiServerThread thread = new AgiServerThread(server);
        thread.setDaemon(true);
        thread.startup();
        String where = config.bindAddress().getHostAddress() + ":" + config.port();
        try {
            server.bound().get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            server.closeSocket();
            stop(thread);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("FastAGI cannot listen on " + where + ": " + cause, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.closeSocket();
            stop(thread);
            throw new IllegalStateException("interrupted starting FastAGI", e);
        }
        LOG.info("FastAGI listening: {}", config);
        return new FastAgiServer(thread, server, config.port());
    }

    public int port() {
        return port;
    }

    /** Connections closed because they came from an address outside the allow-list. */
    public long refusedConnections() {
        return server.refusedConnections();
    }

    @Override
    public void close() {
        server.closeSocket();
        stop(thread);
    }

    private static void stop(AgiServerThread thread) {
        try {
            thread.shutdown();
        } catch (IllegalStateException alreadyStopped) {
            LOG.debug("FastAGI server already stopped");
        }
    }
}
