package io.ringstream.channels.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.channels.webhook.HubHandshake.Challenge;
import io.ringstream.channels.webhook.HubHandshake.Refusal;
import org.junit.jupiter.api.Test;

class HubHandshakeTest {
    private final HubHandshake handshake = new HubHandshake("ringstream-verify-token-for-tests");

    @Test
    void echoesTheChallengeForSubscribeAndTheConfiguredToken() {
        assertThat(handshake.answer("subscribe", "ringstream-verify-token-for-tests", "1158201444"))
                .isEqualTo(new Challenge("1158201444"));
    }

    @Test
    void refusesAWrongTokenIncludingOneThatDiffersOnlyInCaseOrLength() {
        for (String wrong :
                new String[] {
                    "ringstream-verify-token-for-test",
                    "ringstream-verify-token-for-tests!",
                    "RINGSTREAM-VERIFY-TOKEN-FOR-TESTS",
                    ""
                }) {
            assertThat(handshake.answer("subscribe", wrong, "1158201444"))
                    .isInstanceOfSatisfying(
                            Refusal.class,
                            r -> assertThat(r.reason()).contains("hub.verify_token"));
        }
    }

    @Test
    void refusesAnyModeButSubscribe() {
        assertThat(handshake.answer("unsubscribe", "ringstream-verify-token-for-tests", "42"))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.reason()).contains("hub.mode"));
        assertThat(handshake.answer("Subscribe", "ringstream-verify-token-for-tests", "42"))
                .isInstanceOf(Refusal.class);
    }

    @Test
    void refusesMissingParameters() {
        assertThat(handshake.answer(null, "ringstream-verify-token-for-tests", "42"))
                .isInstanceOf(Refusal.class);
        assertThat(handshake.answer("subscribe", null, "42")).isInstanceOf(Refusal.class);
        assertThat(handshake.answer("subscribe", "ringstream-verify-token-for-tests", null))
                .isInstanceOf(Refusal.class);
    }

    @Test
    void neverReflectsAChallengeThatIsNotAShortPlainToken() {
        String token = "ringstream-verify-token-for-tests";
        assertThat(handshake.answer("subscribe", token, "")).isInstanceOf(Refusal.class);
        assertThat(handshake.answer("subscribe", token, "<script>alert(1)</script>"))
                .isInstanceOf(Refusal.class);
        assertThat(handshake.answer("subscribe", token, "1".repeat(129)))
                .isInstanceOf(Refusal.class);
        assertThat(handshake.answer("subscribe", token, "1".repeat(128)))
                .isInstanceOf(Challenge.class);
    }

    @Test
    void aBlankConfiguredTokenIsAConfigurationError() {
        assertThatThrownBy(() -> new HubHandshake(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HubHandshake(null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
