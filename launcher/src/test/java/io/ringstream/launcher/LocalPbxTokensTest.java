package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.tokens.SigningKey;
import io.ringstream.security.tokens.TokenIssuer;
import io.ringstream.security.tokens.TokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LocalPbxTokensTest {
    private final SigningKey key = SigningKey.fromSecret("k".repeat(48));
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final Clock clock =
            new Clock() {
                @Override
                public Instant instant() {
                    return now.get();
                }

                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }
            };

    @Test
    void aPbxTokenOfTheTenantIsReusedUntilShortlyBeforeItExpiresAndThenReplaced() throws Exception {
        // given tokens minted with the local key
        LocalPbxTokens tokens = new LocalPbxTokens(new TokenIssuer(key, clock), "default", clock);

        // when asked now, a bit later, and just inside the renewal margin
        String first = tokens.get();
        now.set(now.get().plus(Duration.ofMinutes(30)));
        String reused = tokens.get();
        now.set(
                now.get()
                        .plus(
                                LocalPbxTokens.TTL
                                        .minus(Duration.ofMinutes(30))
                                        .minus(LocalPbxTokens.RENEW_BEFORE)));
        String renewed = tokens.get();

        // then the first is reused, then replaced by a valid PBX token of the tenant
        assertThat(reused).isSameAs(first);
        assertThat(renewed).isNotEqualTo(first);
        Caller caller = new TokenVerifier(key, clock).verify(renewed);
        assertThat(caller.tenant()).isEqualTo("default");
        assertThat(caller.roles()).containsExactly(Role.PBX);
        assertThat(tokens.toString()).doesNotContain(renewed);
    }
}
