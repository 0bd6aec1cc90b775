package io.ringstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SSE client against a real HTTP server that writes a stream by hand. */
class SseClientTest {
    private static final String STREAM =
            ": a comment is no event\n\n"
                    + "event: CONNECTED\ndata: {\"agentId\":\"a1\"}\n\n"
                    + "data: first line\ndata: second line\n\n"
                    + "event: OFFERED\nid: 7\ndata:{\"offerId\":\"o1\"}\n\n";

    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/stream",
                exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream body = exchange.getResponseBody()) {
                        body.write(STREAM.getBytes(StandardCharsets.UTF_8));
                    }
                });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void collectsEachEventWithItsNameAndData() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/stream";

        try (SseClient stream = new SseClient(HttpClient.newHttpClient(), url)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events().size() == 3);

            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.events())
                    .containsExactly(
                            new SseClient.Received("CONNECTED", "{\"agentId\":\"a1\"}"),
                            new SseClient.Received(null, "first line\nsecond line"),
                            new SseClient.Received("OFFERED", "{\"offerId\":\"o1\"}"));
        }
    }
}
