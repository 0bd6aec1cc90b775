package io.ringstream.bridge.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.ringstream.testkit.FastAgiClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who can reach FastAGI, over real sockets: the allowed PBX addresses on the configured interface,
 * nobody else. A stand-in routing-service records every call the route script makes and the token
 * it carried.
 */
class FastAgiAccessTest {
    private static final String WAIT =
            "{\"action\":\"WAIT\",\"queue\":\"sales\",\"position\":1,"
                    + "\"estimatedWaitSeconds\":10,\"retryAfterSeconds\":5}";

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer routing;
    private FastAgiServer agi;

    @BeforeEach
    void startRouting() throws IOException {
        routing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        routing.createContext(
                "/",
                exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    authorizations.add(
                            String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                    byte[] reply = WAIT.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, reply.length);
                    exchange.getResponseBody().write(reply);
                    exchange.close();
                });
        routing.start();
    }

    @AfterEach
    void stop() {
        if (agi != null) {
            agi.close();
        }
        routing.stop(0);
    }

    private FastAgiConfig config() throws IOException {
        return FastAgiConfig.of(URI.create("http://127.0.0.1:" + routing.getAddress().getPort()))
                .withPort(freePort())
                .withRouteWait(Duration.ofMillis(100));
    }

    @Test
    void aLoopbackPbxIsServedByDefaultAndTheTokenGoesToRoutingService() throws Exception {
        agi = FastAgiServer.start(config().withToken("pbx-token"));

        FastAgiClient.Call call =
                FastAgiClient.run(agi.port(), "route?queue=sales", "1700000000.50", Map.of());

        assertThat(call.variables()).containsEntry("RINGSTREAM_ACTION", "WAIT");
        assertThat(authorizations).containsExactly("Bearer pbx-token");
        assertThat(agi.refusedConnections()).isZero();
    }

    @Test
    void anAddressOutsideTheAllowListIsClosedBeforeAnyScriptRuns() throws Exception {
        agi =
                FastAgiServer.start(
                        config().withAllowed(AddressAllowList.parse("10.0.0.0/8,fd00::/8")));

        List<String> commands;
        try {
            commands =
                    FastAgiClient.run(agi.port(), "route?queue=sales", "1700000000.51", Map.of())
                            .commands();
        } catch (IOException reset) {
            // Closed before the client's environment was read: the kernel may answer with a reset.
            commands = List.of();
        }

        assertThat(commands).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> agi.refusedConnections() == 1);
        assertThat(authorizations).isEmpty();
    }

    @Test
    void itListensOnTheConfiguredAddressOnly() throws Exception {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        agi = FastAgiServer.start(config().withBindAddress(other));

        assertThatThrownBy(() -> new Socket("127.0.0.1", agi.port()).close())
                .isInstanceOf(ConnectException.class);
        try (Socket s = new Socket(other, agi.port())) {
            assertThat(s.isConnected()).isTrue();
        }
    }

    @Test
    void aStartFailsLoudlyWhenTheAddressIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> FastAgiServer.start(config().withPort(taken.getLocalPort())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
