package io.ringstream.testkit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A real WebSocket client of the channel gateway's JSON protocol for the integration tests (the
 * JDK's, on {@code ws://127.0.0.1:<port>/chat/ws} with an {@code Origin}): keeps every frame
 * received and the close code, and waits for frames with Awaitility. Shared by channel-gateway's
 * and e2e's tests.
 */
public final class JsonWebSocket implements WebSocket.Listener, AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public static JsonWebSocket open(int port, String origin) {
        JsonWebSocket t = new JsonWebSocket();
        t.socket =
                HTTP.newWebSocketBuilder()
                        .header("Origin", origin)
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat/ws"), t)
                        .join();
        return t;
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    public void send(ObjectNodeBuilder frame) {
        send(frame.toString());
    }

    /** The first frame of {@code type} matching {@code test}, waiting for it. */
    public JsonNode await(String type, Predicate<JsonNode> test) {
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> find(type, test).isPresent());
        return find(type, test).orElseThrow();
    }

    public JsonNode await(String type) {
        return await(type, f -> true);
    }

    public Optional<JsonNode> find(String type, Predicate<JsonNode> test) {
        return frames.stream()
                .filter(f -> type.equals(f.path("type").asText()) && test.test(f))
                .findFirst();
    }

    public List<JsonNode> ofType(String type) {
        return frames.stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    public int awaitClose() {
        return closeCode.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException("the gateway sent a frame that is not JSON", e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(-1);
    }

    /** Drops the connection as a browser tab would when closed (a normal close). */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
    }

    /** Builds a JSON frame fluently. */
    public static ObjectNodeBuilder frame(String type) {
        return new ObjectNodeBuilder(type);
    }

    public static final class ObjectNodeBuilder {
        private final com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode();

        ObjectNodeBuilder(String type) {
            node.put("type", type);
        }

        public ObjectNodeBuilder with(String field, String value) {
            node.put(field, value);
            return this;
        }

        public ObjectNodeBuilder with(String field, long value) {
            node.put(field, value);
            return this;
        }

        @Override
        public String toString() {
            return node.toString();
        }
    }
}
