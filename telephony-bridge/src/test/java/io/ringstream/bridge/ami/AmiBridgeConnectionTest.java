package io.ringstream.bridge.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.bridge.BridgeConfig;
import io.ringstream.pbxsim.ami.AmiServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bridge's own retry loop: the PBX is not there yet, or refuses the secret. */
class AmiBridgeConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private AmiServer server;
    private AmiBridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static BridgeConfig config(int port, String secret) {
        return BridgeConfig.of("unused:9092", "127.0.0.1", port, "ringstream", secret)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    @Test
    void keepsRetryingUntilThePbxComesUp() throws IOException {
        int port = freePort();
        bridge = new AmiBridge(config(port, "s3cret"), new RecordingSink());
        bridge.start();

        await().atMost(WAIT).until(() -> bridge.stats().loginFailures() >= 3);
        assertThat(bridge.isConnected()).isFalse();
        server = AmiServer.start(port, "ringstream", "s3cret");

        await().atMost(WAIT).until(() -> bridge.isConnected() && server.sessionCount() == 1);
        assertThat(bridge.stats().connects()).isEqualTo(1);
    }

    @Test
    void aRejectedSecretIsRetriedNotFatal() {
        server = AmiServer.start(0, "ringstream", "s3cret");
        bridge = new AmiBridge(config(server.port(), "wrong"), new RecordingSink());
        bridge.start();

        await().atMost(WAIT).until(() -> bridge.stats().loginFailures() >= 2);

        assertThat(bridge.isConnected()).isFalse();
        assertThat(server.totalLogins()).isZero();
    }

    @Test
    void asteriskJavaReconnectsAfterTheConnectionDrops() {
        server = AmiServer.start(0, "ringstream", "s3cret");
        bridge = new AmiBridge(config(server.port(), "s3cret"), new RecordingSink());
        bridge.start();
        await().atMost(WAIT).until(() -> bridge.isConnected());

        server.dropAllSessions();

        await().atMost(WAIT).until(() -> server.totalLogins() == 2 && bridge.isConnected());
        BridgeStats stats = bridge.stats();
        assertThat(stats.disconnects()).isEqualTo(1);
        assertThat(stats.connects()).isEqualTo(2);
    }
}
