package io.ringstream.bridge.agi;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asterisk-Java's FastAGI server, answering only the PBX addresses of an {@link AddressAllowList}.
 * It hooks the library's one extension point for its socket ({@code createServerSocket}): each
 * accepted connection's remote address is checked before the library sees it, and a connection from
 * elsewhere is closed before a byte is read, so no script runs for it. It also reports when the
 * socket is bound, so a start can fail loudly instead of on a background thread.
 */
final class AllowListAgiServer extends DefaultAgiServer {
    private static final Logger LOG = LoggerFactory.getLogger(AllowListAgiServer.class);

    private final AddressAllowList allowed;
    private final AtomicLong refused = new AtomicLong();
    private final CompletableFuture<Void> bound = new CompletableFuture<>();
    // Set once bound, read by the stopping thread.
    private volatile ServerSocketFacade listening;

    AllowListAgiServer(MappingStrategy mapping, AddressAllowList allowed) {
        super(mapping);
        this.allowed = allowed;
    }

    /** Completes once listening, or exceptionally when the address cannot be bound. */
    CompletableFuture<Void> bound() {
        return bound;
    }

    /** Connections closed because their address is not allowed. */
    long refusedConnections() {
        return refused.get();
    }

    @Override
    protected ServerSocketFacade createServerSocket() throws IOException {
        ServerSocketFacade socket;
        try {
            socket = super.createServerSocket();
        } catch (IOException | RuntimeException e) {
            bound.completeExceptionally(e);
            throw e;
        }
        listening = new Filtered(socket);
        bound.complete(null);
        return listening;
    }

    /**
     * Closes the listening socket, which ends a blocked {@code accept()}. The library's own
     * shutdown closes it too, but not when its accept loop has already decided to stop (after a
     * rejected connection under load, seen in CI), and its shutdown then waits for the loop
     * forever. Closing twice is harmless.
     */
    void closeSocket() {
        ServerSocketFacade socket = listening;
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing the FastAGI socket failed: {}", e.toString());
        }
    }

    private final class Filtered implements ServerSocketFacade {
        private final ServerSocketFacade socket;

        Filtered(ServerSocketFacade socket) {
            this.socket = socket;
        }

        @Override
        public SocketConnectionFacade accept() throws IOException {
            while (true) {
                SocketConnectionFacade connection = socket.accept();
                InetAddress remote = connection.getRemoteAddress();
                if (remote != null && allowed.allows(remote)) {
                    return connection;
                }
                long count = refused.incrementAndGet();
                LOG.warn(
                        "FastAGI refused a connection from {} (not in {}; {} refused so far)",
                        remote == null ? "an unknown address" : remote.getHostAddress(),
                        FastAgiConfig.ENV_ALLOW,
                        count);
                try {
                    connection.close();
                } catch (IOException e) {
                    LOG.debug("closing a refused FastAGI connection failed: {}", e.toString());
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        @Override
        public void setSocketReadTimeout(int timeout) {
            socket.setSocketReadTimeout(timeout);
        }
    }
}
