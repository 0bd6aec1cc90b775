package io.ringstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's settings from the environment: the documented defaults, every variable read, and a
 * missing or bad value refused with its variable's name.
 */
class GatewaySettingsTest {
    private static final String SECRET = "a-test-signing-secret-of-32-bytes-or-more";

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("RINGSTREAM_KAFKA_BOOTSTRAP", "localhost:9092");
        env.put("RINGSTREAM_JWT_SECRET", SECRET);
        env.put("RINGSTREAM_ROUTING_URL", "http://127.0.0.1:8080");
        env.put("RINGSTREAM_ROUTING_TOKEN", "pbx-token");
        return env;
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        GatewaySettings s = GatewaySettings.fromEnvironment(minimal());
        assertThat(s.port()).isEqualTo(8090);
        assertThat(s.host()).isEqualTo("0.0.0.0");
        assertThat(s.routingUrl().toString()).isEqualTo("http://127.0.0.1:8080/");
        assertThat(s.allowedOrigins()).isEmpty();
        assertThat(s.limits()).isEqualTo(ChatLimits.defaults());
        assertThat(s.limits().maxSessions()).isEqualTo(10_000);
        assertThat(s.limits().maxSessionsPerAddress()).isEqualTo(20);
        assertThat(s.limits().visitorIdle()).isEqualTo(Duration.ofSeconds(300));
        assertThat(s.widgets()).isEqualTo(WidgetConfig.builtIn());
        assertThat(s.toString()).doesNotContain(SECRET).doesNotContain("pbx-token");
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = minimal();
        env.put("RINGSTREAM_GATEWAY_PORT", "0");
        env.put("RINGSTREAM_GATEWAY_HOST", "127.0.0.1");
        env.put("RINGSTREAM_CHAT_ALLOWED_ORIGINS", "http://127.0.0.1:8080, http://localhost:8080/");
        env.put("RINGSTREAM_CHAT_MAX_SESSIONS", "5");
        env.put("RINGSTREAM_CHAT_MAX_SESSIONS_PER_ADDRESS", "2");
        env.put("RINGSTREAM_CHAT_IDLE_SECONDS", "60");
        env.put("RINGSTREAM_CHAT_MAX_TEXT_CHARS", "100");
        env.put("RINGSTREAM_CHAT_CONVERSATION_IDLE_SECONDS", "7");
        GatewaySettings s = GatewaySettings.fromEnvironment(env);
        assertThat(s.port()).isZero();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.allowedOrigins())
                .containsExactlyInAnyOrder("http://127.0.0.1:8080", "http://localhost:8080");
        assertThat(s.limits().maxSessions()).isEqualTo(5);
        assertThat(s.limits().maxSessionsPerAddress()).isEqualTo(2);
        assertThat(s.limits().visitorIdle()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.limits().maxTextChars()).isEqualTo(100);
        assertThat(s.limits().conversationIdle()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void refusesMissingOrBadValuesNamingTheVariable() {
        for (String required :
                new String[] {
                    "RINGSTREAM_KAFKA_BOOTSTRAP", "RINGSTREAM_JWT_SECRET", "RINGSTREAM_ROUTING_URL"
                }) {
            Map<String, String> env = minimal();
            env.remove(required);
            assertThatThrownBy(() -> GatewaySettings.fromEnvironment(env))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(required);
        }
        Map<String, String> noCredentials = minimal();
        noCredentials.remove("RINGSTREAM_ROUTING_TOKEN");
        assertThatThrownBy(() -> GatewaySettings.fromEnvironment(noCredentials))
                .hasMessageContaining("RINGSTREAM_ROUTING_TOKEN");
        Map<String, String> badPort = minimal();
        badPort.put("RINGSTREAM_GATEWAY_PORT", "70000");
        assertThatThrownBy(() -> GatewaySettings.fromEnvironment(badPort))
                .hasMessageContaining("RINGSTREAM_GATEWAY_PORT");
        Map<String, String> badNumber = minimal();
        badNumber.put("RINGSTREAM_CHAT_MAX_SESSIONS", "many");
        assertThatThrownBy(() -> GatewaySettings.fromEnvironment(badNumber))
                .hasMessageContaining("RINGSTREAM_CHAT_MAX_SESSIONS");
        Map<String, String> zero = minimal();
        zero.put("RINGSTREAM_CHAT_IDLE_SECONDS", "0");
        assertThatThrownBy(() -> GatewaySettings.fromEnvironment(zero))
                .hasMessageContaining("RINGSTREAM_CHAT_IDLE_SECONDS");
    }

    @Test
    void readsTheWidgetsFromTheChannelsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("channels.json");
        Files.writeString(
                file,
                "{\"widgets\":{\"shop\":{\"tenant\":\"acme\",\"topics\":{\"orders\":"
                        + "{\"queue\":\"orders\",\"skills\":{\"es\":3}}}}},"
                        + "\"whatsapp\":{\"numbers\":{\"123\":{\"tenant\":\"acme\",\"queue\":\"wa\"}}}}");
        Map<String, String> env = minimal();
        env.put("RINGSTREAM_CHANNELS_FILE", file.toString());
        GatewaySettings s = GatewaySettings.fromEnvironment(env);
        assertThat(s.widgets().widget("shop").orElseThrow().tenant()).isEqualTo("acme");
        assertThat(s.widgets().widget("demo")).isEmpty();
        assertThat(ProviderQueues.load(s.channelsFile(), s.widgets()))
                .containsEntry("whatsapp:123", "wa")
                .containsEntry("*", "orders");
    }
}
