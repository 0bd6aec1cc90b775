package io.ringstream.bridge.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.routing.contract.client.RoutingCredentials;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FastAGI's settings: loopback by default, credentials required, secrets never printed. */
class FastAgiConfigTest {
    private static final Map<String, String> MINIMAL =
            Map.of(
                    "RINGSTREAM_ROUTING_URL", "http://routing-service:8080",
                    "RINGSTREAM_ROUTING_TOKEN", "pre.issued.token");

    private static Map<String, String> with(String... pairs) {
        Map<String, String> env = new HashMap<>(MINIMAL);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void offWithoutARoutingUrlAndLoopbackOnlyByDefault() throws Exception {
        assertThat(FastAgiConfig.fromEnv(Map.of())).isNull();

        FastAgiConfig c = FastAgiConfig.fromEnv(MINIMAL);

        assertThat(c.port()).isEqualTo(4573);
        assertThat(c.bindAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(c.allowed().allows(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(c.allowed().allows(InetAddress.getByName("::1"))).isTrue();
        assertThat(c.allowed().allows(InetAddress.getByName("10.0.0.5"))).isFalse();
        assertThat(c.credentials()).isEqualTo(RoutingCredentials.token("pre.issued.token"));
    }

    @Test
    void everyVariableIsRead() throws Exception {
        FastAgiConfig c =
                FastAgiConfig.fromEnv(
                        with(
                                "RINGSTREAM_FASTAGI_PORT", "4574",
                                "RINGSTREAM_FASTAGI_ROUTE_WAIT_MS", "900",
                                "RINGSTREAM_FASTAGI_BIND", "0.0.0.0",
                                "RINGSTREAM_FASTAGI_ALLOW", "10.1.2.3, 192.168.0.0/16,fd00::/8"));

        assertThat(c.port()).isEqualTo(4574);
        assertThat(c.routingUrl()).isEqualTo(URI.create("http://routing-service:8080"));
        assertThat(c.routeWait()).isEqualTo(Duration.ofMillis(900));
        assertThat(c.bindAddress()).isEqualTo(InetAddress.getByName("0.0.0.0"));
        assertThat(c.allowed().toString()).isEqualTo("10.1.2.3,192.168.0.0/16,fd00::/8");
        assertThat(c.allowed().allows(InetAddress.getByName("192.168.7.9"))).isTrue();
        assertThat(c.allowed().allows(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    @Test
    void malformedVariablesAreNamed() {
        assertThatThrownBy(() -> FastAgiConfig.fromEnv(with("RINGSTREAM_FASTAGI_PORT", "many")))
                .hasMessageContaining("RINGSTREAM_FASTAGI_PORT");
        assertThatThrownBy(() -> FastAgiConfig.fromEnv(with("RINGSTREAM_ROUTING_URL", "ftp://x")))
                .hasMessageContaining("http");
        assertThatThrownBy(
                        () -> FastAgiConfig.fromEnv(with("RINGSTREAM_FASTAGI_BIND", "localhost")))
                .hasMessageContaining("RINGSTREAM_FASTAGI_BIND")
                .hasMessageContaining("not an IP address");
        assertThatThrownBy(
                        () ->
                                FastAgiConfig.fromEnv(
                                        with("RINGSTREAM_FASTAGI_ALLOW", "10.0.0.0/33")))
                .hasMessageContaining("RINGSTREAM_FASTAGI_ALLOW");
    }

    @Test
    void routingServiceNeedsCredentials(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("client-secret");
        Files.writeString(secret, "from-a-file\n");

        assertThatThrownBy(
                        () ->
                                FastAgiConfig.fromEnv(
                                        Map.of("RINGSTREAM_ROUTING_URL", "http://x:8080")))
                .hasMessageContaining("RINGSTREAM_ROUTING_TOKEN")
                .hasMessageContaining("RINGSTREAM_ROUTING_CLIENT_ID")
                .hasMessageContaining("RINGSTREAM_ROUTING_CLIENT_SECRET");
        assertThat(
                        FastAgiConfig.fromEnv(
                                        Map.of(
                                                "RINGSTREAM_ROUTING_URL", "http://x:8080",
                                                "RINGSTREAM_ROUTING_CLIENT_ID", "pbx-east",
                                                "RINGSTREAM_ROUTING_CLIENT_SECRET_FILE",
                                                        secret.toString()))
                                .credentials())
                .isEqualTo(RoutingCredentials.client("pbx-east", "from-a-file"));
        assertThatThrownBy(
                        () ->
                                FastAgiConfig.fromEnv(
                                        Map.of(
                                                "RINGSTREAM_ROUTING_URL", "http://x:8080",
                                                "RINGSTREAM_ROUTING_CLIENT_ID", "pbx-east")))
                .hasMessageContaining("need both");
        assertThatThrownBy(
                        () ->
                                FastAgiConfig.fromEnv(
                                        with("RINGSTREAM_ROUTING_CLIENT_ID", "pbx-east")))
                .hasMessageContaining("not both");
    }

    @Test
    void neitherTokensNorSecretsArePrinted() {
        FastAgiConfig token = FastAgiConfig.fromEnv(MINIMAL);
        FastAgiConfig client =
                FastAgiConfig.of(URI.create("http://user:pw@routing:8080"))
                        .withClientCredentials("pbx-east", "client-s3cret");

        assertThat(token.toString())
                .doesNotContain("pre.issued.token")
                .contains("listen=127.0.0.1:4573", "allow=127.0.0.0/8,::1");
        assertThat(client.toString())
                .doesNotContain("client-s3cret", "pw")
                .contains("client pbx-east", "http://***@routing:8080");
    }
}
