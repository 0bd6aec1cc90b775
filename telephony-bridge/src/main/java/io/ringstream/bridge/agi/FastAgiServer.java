package io.ringstream.bridge.agi;

import java.util.Map;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.AgiServerThread;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's FastAGI endpoint (Asterisk-Java's server on its own thread): Asterisk runs {@code
 * AGI(agi://bridge:4573/route?queue=sales)} and, after Dial, {@code
 * AGI(agi://bridge:4573/route-result?status=${DIALSTATUS})}.
 */
public final class FastAgiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FastAgiServer.class);

    public static final String ROUTE = "route";
    public static final String ROUTE_RESULT = "route-result";

    private final AgiServerThread thread;
    private final int port;

    private FastAgiServer(AgiServerThread thread, int port) {
        this.thread = thread;
        this.port = port;
    }

    /** Starts listening on {@code config.port()}; returns at once (binding happens on a thread). */
    public static FastAgiServer start(FastAgiConfig config) {
        RoutingClient routing = new RoutingClient(config.routingUrl(), config.requestTimeout());
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(
                Map.<String, AgiScript>of(
                        ROUTE,
                        new RouteScript(routing, config.routeWait().toMillis()),
                        ROUTE_RESULT,
                        new RouteResultScript(routing)));
        DefaultAgiServer server = new DefaultAgiServer(mapping);
        server.setPort(config.port());
        AgiServerThread thread = new AgiServerThread(server);
        thread.setDaemon(true);
        thread.startup();
        LOG.info(
                "FastAGI listening on {} for routing-service {}",
                config.port(),
                config.routingUrl());
        return new FastAgiServer(thread, config.port());
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            thread.shutdown();
        } catch (IllegalStateException alreadyStopped) {
            LOG.debug("FastAGI server already stopped");
        }
    }
}
