package io.ringstream.testkit.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ringstream.secrets.Hmac;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays Meta's side of WhatsApp Cloud API and Instagram messaging in tests, on a local port: it
 * records every send-API call the gateway makes (path, headers, JSON body) and answers it like the
 * Graph API (or with the status codes a test queued, to exercise retries), and it delivers webhooks
 * to the gateway signed the way Meta signs them ({@code X-Hub-Signature-256: sha256=<hex
 * HMAC-SHA256 of the body>} with the app secret).
 *
 * <p>Point the gateway's {@code RINGSTREAM_WHATSAPP_API_URL} / {@code RINGSTREAM_INSTAGRAM_API_URL}
 * at {@link #apiUrl()}. A successful send answers WhatsApp's shape ({@code {"messaging_product":
 * "whatsapp", "contacts": [...], "messages": [{"id": "wamid.fake.N"}]}}) when the body names {@code
 * messaging_product: whatsapp}, else the Send API's ({@code {"recipient_id": ..., "message_id":
 * "mid.fake.N"}}). Recorded calls live until {@link #reset()} or {@link #close()}.
 */
public final class FakeMetaProvider implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Graph API version the fake's URL carries, like the real one. */
    public static final String VERSION = "v25.0";

    /** One call the gateway made to the send API. */
    public record Call(String method, String path, Map<String, String> headers, String body) {
        /** A header by name, any case; null when absent. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body as JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("the call's body is not JSON: " + body, e);
            }
        }
    }

    /** What a webhook delivery or handshake got back from the gateway. */
    public record Answer(int status, String contentType, String body) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Call> calls = new ArrayList<>();
    private final Deque<Integer> queuedStatuses = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger();

    private FakeMetaProvider(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on a free loopback port. */
    public static FakeMetaProvider start() {
        try {
            HttpServer server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4, daemons());
            FakeMetaProvider fake = new FakeMetaProvider(server, executor);
            server.createContext("/", fake::handle);
            server.setExecutor(executor);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Meta provider", e);
        }
    }

    /**
     * The base URL to configure as the provider's API URL: {@code http://127.0.0.1:<port>/v25.0}.
     */
    public URI apiUrl() {
        return URI.create(
                "http://"
                        + server.getAddress().getAddress().getHostAddress()
                        + ":"
                        + server.getAddress().getPort()
                        + "/"
                        + VERSION);
    }

    /**
     * The next calls are answered with these statuses, in order (a 4xx or 5xx carries a Graph API
     * error body); calls after them succeed again.
     */
    public synchronized FakeMetaProvider answerNext(int... statuses) {
        for (int s : statuses) {
            queuedStatuses.addLast(s);
        }
        return this;
    }

    /** Every send call so far, in arrival order. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Forgets the recorded calls and the queued statuses. */
    public synchronized void reset() {
        calls.clear();
        queuedStatuses.clear();
    }

    /**
     * POSTs {@code body} to {@code url} signed with {@code appSecret}, as Meta delivers a webhook.
     */
    public Answer deliverSigned(URI url, String appSecret, byte[] body) {
        return deliver(url, Hmac.withSecret(appSecret).sign(body), body);
    }

    /** The same with a UTF-8 text body. */
    public Answer deliverSigned(URI url, String appSecret, String body) {
        return deliverSigned(url, appSecret, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * POSTs {@code body} with this {@code X-Hub-Signature-256} value (null: no header), for tests
     * of unsigned and wrongly signed deliveries.
     */
    public Answer deliver(URI url, String signatureHeader, byte[] body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signatureHeader != null) {
            request.header("X-Hub-Signature-256", signatureHeader);
        }
        return exchange(request.build());
    }

    /** The verification GET Meta sends when the callback URL is registered. */
    public Answer verify(URI url, String mode, String verifyToken, String challenge) {
        String query =
                "hub.mode="
                        + encode(mode)
                        + "&hub.verify_token="
                        + encode(verifyToken)
                        + "&hub.challenge="
                        + encode(challenge);
        URI withQuery = URI.create(url + (url.getQuery() == null ? "?" : "&") + query);
        return exchange(
                HttpRequest.newBuilder(withQuery).timeout(Duration.ofSeconds(10)).GET().build());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private Answer exchange(HttpRequest request) {
        try {
            HttpResponse<String> response =
                    client.send(
                            request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the webhook call to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach(
                            (k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String body = new String(raw, StandardCharsets.UTF_8);
            Integer status;
            synchronized (this) {
                calls.add(
                        new Call(
                                exchange.getRequestMethod(),
                                exchange.getRequestURI().getPath(),
                                Map.copyOf(headers),
                                body));
                status = queuedStatuses.pollFirst();
            }
            int code = status == null ? 200 : status;
            String answer = code / 100 == 2 ? success(body) : error(code);
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String success(String requestBody) {
        int n = ids.incrementAndGet();
        JsonNode request;
        try {
            request = JSON.readTree(requestBody);
        } catch (IOException e) {
            return error(400);
        }
        if ("whatsapp".equals(request.path("messaging_product").asText())) {
            String to = request.path("to").asText();
            return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
                    + to
                    + "\",\"wa_id\":\""
                    + to
                    + "\"}],\"messages\":[{\"id\":\"wamid.fake."
                    + n
                    + "\"}]}";
        }
        return "{\"recipient_id\":\""
                + request.path("recipient").path("id").asText()
                + "\",\"message_id\":\"mid.fake."
                + n
                + "\"}";
    }

    private static String error(int code) {
        return "{\"error\":{\"message\":\"fake provider answered "
                + code
                + "\",\"type\":\"OAuthException\",\"code\":"
                + code
                + ",\"fbtrace_id\":\"fake\"}}";
    }

    private static String encode(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static java.util.concurrent.ThreadFactory daemons() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "fake-meta-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
