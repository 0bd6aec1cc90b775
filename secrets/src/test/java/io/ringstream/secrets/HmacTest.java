package io.ringstream.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacTest {
    private final Hmac hmac = Hmac.withSecret("It's a Secret to Everybody");
    private final byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsLikeGitHubsPublishedExample() {
        // The example from GitHub's "Validating webhook deliveries" documentation.
        assertThat(hmac.sign(body))
                .isEqualTo(
                        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void verifiesItsOwnSignatureInAnyHexCase() {
        assertThat(hmac.verify(body, hmac.sign(body))).isTrue();
        assertThat(hmac.verify(body, hmac.sign(body).toUpperCase())).isTrue();
    }

    @Test
    void refusesAnotherBodyAnotherKeyAndMalformedHeaders() {
        String signature = hmac.sign(body);
        assertThat(hmac.verify("Hello, World?".getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
        assertThat(Hmac.withSecret("another secret, long enough").verify(body, signature))
                .isFalse();
        assertThat(hmac.verify(body, null)).isFalse();
        assertThat(hmac.verify(body, "")).isFalse();
        assertThat(hmac.verify(body, signature.substring(7))).isFalse();
        assertThat(hmac.verify(body, "sha1=" + signature.substring(7))).isFalse();
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> Hmac.withSecret("short")).hasMessageContaining("16 bytes");
    }
}
