package io.ringstream.launcher.demochat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket to the channel gateway, as the simulated visitors and agents of {@code up} use it
 * (the JDK's client): JSON text frames in and out, with the page's origin as a browser would send
 * it. Sends are chained, because the JDK allows one outstanding send at a time; a frame split in
 * parts is reassembled before it is parsed. Lives from {@link #connect} until either side closes;
 * then {@code onClosed} runs once.
 */
final class ChatSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);

    private final WebSocket socket;
    // The tail of the send chain; guarded by this.
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private ChatSocket(WebSocket socket) {
        this.socket = socket;
    }

    /**
     * Opens the socket; fails (an exception) when the gateway is away or refuses the upgrade.
     *
     * @param onFrame each parsed frame, on the client's thread: hand work off, do not block
     * @param onClosed once, when the connection ends for any reason
     */
    static ChatSocket connect(
            HttpClient http, URI uri, String origin, Consumer<JsonNode> onFrame, Runnable onClosed)
            throws Exception {
        WebSocket socket =
                http.newWebSocketBuilder()
                        .header("Origin", origin)
                        .connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(uri, new Listener(onFrame, onClosed))
                        .get(10, TimeUnit.SECONDS);
        return new ChatSocket(socket);
    }

    /** Queues a frame after the ones before it; a failed send closes the socket. */
    synchronized void send(ObjectNode frame) {
        String text = frame.toString();
        sending =
                sending.thenCompose(ignored -> socket.sendText(text, true))
                        .exceptionally(
                                e -> {
                                    LOG.debug("chat socket send failed: {}", e.toString());
                                    socket.abort();
                                    return null;
                                });
    }

    /** A WebSocket ping, which keeps an agent's idle connection alive. */
    synchronized void ping() {
        sending =
                sending.thenCompose(ignored -> socket.sendPing(java.nio.ByteBuffer.allocate(0)))
                        .exceptionally(e -> null);
    }

    boolean isOpen() {
        return !socket.isOutputClosed() && !socket.isInputClosed();
    }

    @Override
    public synchronized void close() {
        if (socket.isOutputClosed()) {
            socket.abort();
            return;
        }
        sending.thenCompose(ignored -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"))
                .orTimeout(2, TimeUnit.SECONDS)
                .whenComplete((ws, e) -> socket.abort());
    }

    private static final class Listener implements WebSocket.Listener {
        private final Consumer<JsonNode> onFrame;
        private final Runnable onClosed;
        private final StringBuilder parts = new StringBuilder();
        private boolean closed;

        Listener(Consumer<JsonNode> onFrame, Runnable onClosed) {
            this.onFrame = onFrame;
            this.onClosed = onClosed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                try {
                    onFrame.accept(ChatFrames.JSON.readTree(text));
                } catch (Exception e) {
                    LOG.debug("unreadable frame from the gateway: {}", e.toString());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            LOG.debug("gateway closed the socket: {} {}", statusCode, reason);
            ended();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            LOG.debug("chat socket failed: {}", error.toString());
            ended();
        }

        private synchronized void ended() {
            if (!closed) {
                closed = true;
                onClosed.run();
            }
        }
    }
}
