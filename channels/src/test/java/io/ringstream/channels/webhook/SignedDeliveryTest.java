package io.ringstream.channels.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.channels.webhook.SignedDelivery.Accepted;
import io.ringstream.channels.webhook.SignedDelivery.Reason;
import io.ringstream.channels.webhook.SignedDelivery.Refused;
import io.ringstream.secrets.Hmac;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SignedDeliveryTest {
    private static final String APP_SECRET = "0123456789abcdef0123456789abcdef";

    private final Hmac hmac = Hmac.withSecret(APP_SECRET);
    private final SignedDelivery gate = new SignedDelivery(hmac);

    @Test
    void acceptsAFixtureSignedWithTheAppSecret() throws IOException {
        byte[] body = fixture("/whatsapp/text-message.json");
        assertThat(gate.check(body, hmac.sign(body))).isEqualTo(new Accepted());
    }

    @Test
    void acceptsTheSignatureAsMetaComputesItIndependently() throws Exception {
        // Computed here with javax.crypto directly, not through Hmac, so the gate is checked
        // against the documented algorithm rather than against itself.
        byte[] body = "{\"object\":\"instagram\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(
                new javax.crypto.spec.SecretKeySpec(
                        APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String header = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        assertThat(gate.check(body, header)).isEqualTo(new Accepted());
    }

    @Test
    void refusesABodyChangedByOneByte() throws IOException {
        byte[] body = fixture("/whatsapp/text-message.json");
        String signature = hmac.sign(body);
        for (int position : new int[] {0, body.length / 2, body.length - 1}) {
            byte[] tampered = Arrays.copyOf(body, body.length);
            tampered[position] ^= 1;
            assertThat(gate.check(tampered, signature))
                    .isInstanceOfSatisfying(
                            Refused.class,
                            r -> assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        }
    }

    @Test
    void refusesAnotherAppsSignatureAndGarbageHeaders() throws IOException {
        byte[] body = fixture("/whatsapp/text-message.json");
        String otherApp = Hmac.withSecret("fedcba9876543210fedcba9876543210").sign(body);
        for (String header : new String[] {otherApp, "sha256=", "sha1=abc", "nonsense"}) {
            assertThat(gate.check(body, header))
                    .isInstanceOfSatisfying(
                            Refused.class,
                            r -> {
                                assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                                assertThat(r.reason().httpStatus()).isEqualTo(401);
                            });
        }
    }

    @Test
    void refusesAnUnsignedDelivery() throws IOException {
        byte[] body = fixture("/whatsapp/text-message.json");
        for (String header : new String[] {null, "", "  "}) {
            assertThat(gate.check(body, header))
                    .isInstanceOfSatisfying(
                            Refused.class,
                            r -> {
                                assertThat(r.reason()).isEqualTo(Reason.UNSIGNED);
                                assertThat(r.reason().httpStatus()).isEqualTo(401);
                            });
        }
    }

    @Test
    void refusesABodyOverTheLimitEvenWhenSignedAndAcceptsOneAtIt() {
        SignedDelivery small = new SignedDelivery(hmac, 16);
        byte[] atLimit = new byte[16];
        byte[] overLimit = new byte[17];
        assertThat(small.check(atLimit, hmac.sign(atLimit))).isEqualTo(new Accepted());
        assertThat(small.check(overLimit, hmac.sign(overLimit)))
                .isInstanceOfSatisfying(
                        Refused.class,
                        r -> {
                            assertThat(r.reason()).isEqualTo(Reason.TOO_LARGE);
                            assertThat(r.reason().httpStatus()).isEqualTo(413);
                        });
        assertThat(small.check(overLimit, null))
                .isInstanceOfSatisfying(
                        Refused.class, r -> assertThat(r.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void theDefaultLimitIsMetasDocumentedThreeMegabytes() {
        assertThat(SignedDelivery.META_MAX_BODY_BYTES).isEqualTo(3 * 1024 * 1024);
        assertThat(gate.tooLarge(3L * 1024 * 1024)).isFalse();
        assertThat(gate.tooLarge(3L * 1024 * 1024 + 1)).isTrue();
        byte[] oversized = new byte[3 * 1024 * 1024 + 1];
        assertThat(gate.check(oversized, hmac.sign(oversized)))
                .isInstanceOfSatisfying(
                        Refused.class, r -> assertThat(r.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = SignedDeliveryTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
