package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-process gateway's settings: the local wiring wins over whatever the shell exports. */
class GatewayEnvironmentTest {

    @Test
    void theGatewayListensOnLoopbackWithTheLocalKeyAndUpsOwnClient() {
        Map<String, String> env =
                GatewayEnvironment.forUp(
                        Map.of(
                                "RINGSTREAM_JWT_SECRET", "someone-elses-key",
                                "RINGSTREAM_ROUTING_TOKEN", "someone-elses-token",
                                "RINGSTREAM_WHATSAPP_APP_SECRET_FILE", "/etc/wa",
                                "RINGSTREAM_GATEWAY_PORT", "9999"),
                        "127.0.0.1",
                        8090,
                        "127.0.0.1:9092",
                        Path.of("/data/security/jwt.key"),
                        8080,
                        "ringstream-up-gateway",
                        "run-secret");

        assertThat(env)
                .containsEntry("RINGSTREAM_GATEWAY_HOST", "127.0.0.1")
                .containsEntry("RINGSTREAM_GATEWAY_PORT", "8090")
                .containsEntry("RINGSTREAM_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
                .containsEntry("RINGSTREAM_JWT_SECRET_FILE", "/data/security/jwt.key")
                .containsEntry("RINGSTREAM_ROUTING_URL", "http://127.0.0.1:8080")
                .containsEntry("RINGSTREAM_ROUTING_CLIENT_ID", "ringstream-up-gateway")
                .containsEntry("RINGSTREAM_ROUTING_CLIENT_SECRET", "run-secret")
                .containsEntry(
                        "RINGSTREAM_CHAT_ALLOWED_ORIGINS",
                        "http://127.0.0.1:8080,http://localhost:8080")
                .containsEntry("RINGSTREAM_WHATSAPP_APP_SECRET_FILE", "/etc/wa")
                .doesNotContainKeys("RINGSTREAM_JWT_SECRET", "RINGSTREAM_ROUTING_TOKEN");
    }
}
