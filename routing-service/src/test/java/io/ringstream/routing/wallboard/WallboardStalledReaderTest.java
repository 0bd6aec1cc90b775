package io.ringstream.routing.wallboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.routing.alerts.AlertFeed;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.kafka.RecordingCommandSink;
import io.ringstream.routing.security.TestTokens;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Over a real server and socket: a wallboard client that opens the stream and then never reads is
 * cut off once alerts pile up for it, instead of the server buffering them for as long as it stays
 * connected. This holds only because Micronaut asks the stream for events as the socket takes
 * writes (demand), which is what the bound in {@link WallboardStream} relies on.
 */
@MicronautTest
class WallboardStalledReaderTest {
    @Inject EmbeddedServer server;
    @Inject WallboardHub hub;
    @Inject AlertFeed alerts;

    private final String tenant = "wb-" + UUID.randomUUID().toString().substring(0, 8);

    @MockBean(CommandSink.class)
    CommandSink recording() {
        return new RecordingCommandSink();
    }

    @Test
    void aClientThatStopsReadingIsClosedNotBufferedForever() throws Exception {
        try (Socket socket = new Socket()) {
            // A small receive window, so the socket fills after a few alerts.
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(server.getHost(), server.getPort()));
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET /v1/wallboard/stream HTTP/1.1\r\nHost: "
                                    + server.getHost()
                                    + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer "
                                    + TestTokens.supervisor(tenant)
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The stream is open once the hub polls the tenant (its first poll runs at once).
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.latestKpis(tenant).isPresent());

            // Never read. Each alert is ~64 KB; the stream must be cut off long before the last.
            String message = "x".repeat(64 * 1024);
            int sent = 0;
            while (hub.latestKpis(tenant).isPresent() && sent < 2_000) {
                alerts.apply(alert(tenant + "-" + sent++, message));
            }

            assertThat(hub.latestKpis(tenant))
                    .as("the stalled stream left the hub after %d alerts", sent)
                    .isEmpty();
            assertThat(sent)
                    .as("closed once more than the bound waited, not after thousands")
                    .isLessThan(2_000);
        }
    }

    private static SupervisorAlert alert(String id, String tenant, String message) {
        return SupervisorAlert.of(
                id,
                SupervisorAlert.Kind.SLA_BREACH,
                tenant,
                "c1",
                1_700_000_000_000L,
                "sla",
                "support",
                null,
                SupervisorAlert.Severity.CRITICAL,
                message,
                Map.of());
    }

    private SupervisorAlert alert(String id, String message) {
        return alert(id, tenant, message);
    }
}
