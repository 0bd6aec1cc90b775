package io.ringstream.gateway.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.channels.webhook.Provider;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The providers' settings from the environment and their accounts from the channels file. */
class ProviderConfigTest {
    private static final String SECRET = "0123456789abcdef-app-secret";

    @Test
    void aProviderWithoutAppSecretIsOff() {
        ProviderSettings s = ProviderSettings.fromEnvironment(Map.of());

        assertThat(s.whatsApp()).isEmpty();
        assertThat(s.instagram()).isEmpty();
    }

    @Test
    void aProviderWithItsSecretsIsOnWithTheDefaultApiUrl(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "ig-token-from-file\n");
        ProviderSettings s =
                ProviderSettings.fromEnvironment(
                        Map.of(
                                "RINGSTREAM_INSTAGRAM_APP_SECRET", SECRET,
                                "RINGSTREAM_INSTAGRAM_VERIFY_TOKEN", "v",
                                "RINGSTREAM_INSTAGRAM_ACCESS_TOKEN_FILE", token.toString(),
                                "RINGSTREAM_WHATSAPP_APP_SECRET", SECRET,
                                "RINGSTREAM_WHATSAPP_VERIFY_TOKEN", "v",
                                "RINGSTREAM_WHATSAPP_ACCESS_TOKEN", "wa",
                                "RINGSTREAM_WHATSAPP_API_URL", "http://127.0.0.1:9999/v25.0/"));

        ProviderSettings.App ig = s.instagram().orElseThrow();
        assertThat(ig.accessToken()).isEqualTo("ig-token-from-file");
        assertThat(ig.apiUrl()).isEqualTo(URI.create(ProviderSettings.DEFAULT_API_URL));
        assertThat(s.app(Provider.WHATSAPP).orElseThrow().apiUrl())
                .isEqualTo(URI.create("http://127.0.0.1:9999/v25.0"));
        assertThat(ig.toString()).doesNotContain(SECRET).doesNotContain("ig-token-from-file");
    }

    @Test
    void aHalfConfiguredProviderIsRefusedAtStart() {
        assertThatThrownBy(
                        () ->
                                ProviderSettings.fromEnvironment(
                                        Map.of("RINGSTREAM_WHATSAPP_APP_SECRET", SECRET)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RINGSTREAM_WHATSAPP_VERIFY_TOKEN");
        assertThatThrownBy(
                        () ->
                                ProviderSettings.fromEnvironment(
                                        Map.of(
                                                "RINGSTREAM_WHATSAPP_APP_SECRET", "short",
                                                "RINGSTREAM_WHATSAPP_VERIFY_TOKEN", "v",
                                                "RINGSTREAM_WHATSAPP_ACCESS_TOKEN", "t")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
    }

    @Test
    void theChannelsFileNamesEachAccountsTenantAndTheTemplate() {
        ProviderAccounts a =
                ProviderAccounts.fromChannelsFile(
                        """
                        {"widgets": {"demo": {"tenant": "default"}},
                         "whatsapp": {"numbers": {"420000000000007": {"tenant": "acme", "queue": "sales"}},
                                      "template": {"name": "hello_again", "language": "en_US"}},
                         "instagram": {"accounts": {"1784": {"tenant": "default", "queue": "support"}}}}
                        """);

        assertThat(a.account(Provider.WHATSAPP, "420000000000007"))
                .contains(new ProviderAccounts.Account("acme", "sales"));
        assertThat(a.account(Provider.INSTAGRAM, "1784"))
                .contains(new ProviderAccounts.Account("default", "support"));
        assertThat(a.account(Provider.INSTAGRAM, "420000000000007")).isEmpty();
        assertThat(a.whatsAppTemplate())
                .contains(new ProviderAccounts.Template("hello_again", "en_US"));
        assertThat(ProviderAccounts.fromChannelsFile("{}").whatsAppNumbers()).isEmpty();
    }

    @Test
    void unknownKeysAndMissingFieldsAreRefusedWithTheirPath() {
        assertThatThrownBy(
                        () -> ProviderAccounts.fromChannelsFile("{\"whatsapp\": {\"numbrs\": {}}}"))
                .hasMessageContaining("$.whatsapp.numbrs");
        assertThatThrownBy(
                        () ->
                                ProviderAccounts.fromChannelsFile(
                                        "{\"instagram\": {\"accounts\": {\"1\": {\"tenant\": \"t\","
                                                + " \"queue\": \"q\", \"skills\": {}}}}}"))
                .hasMessageContaining("$.instagram.accounts.1.skills");
        assertThatThrownBy(
                        () ->
                                ProviderAccounts.fromChannelsFile(
                                        "{\"whatsapp\": {\"numbers\": {\"1\": {\"queue\": \"q\"}}}}"))
                .hasMessageContaining("$.whatsapp.numbers.1.tenant");
        assertThatThrownBy(() -> ProviderAccounts.fromChannelsFile("not json"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
