package io.ringstream.security.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.Authenticator.Authenticated;
import io.ringstream.security.credentials.Authenticator.Refused;
import io.ringstream.security.credentials.Authenticator.Throttled;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticatorTest {
    private static final String OFFICE = "203.0.113.7";

    @TempDir Path dir;

    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter fakeTime =
            new TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return nanos.get();
                }

                @Override
                public boolean isWallClockBased() {
                    return false;
                }
            };
    private final PasswordHasher hasher = new PasswordHasher(4);
    private Authenticator authenticator;

    @BeforeEach
    void users() {
        CredentialStore store = CredentialStore.open(dir.resolve("users.json"));
        store.putUser(new UserRecord("acme", "1001", Set.of(Role.AGENT), hasher.hash("pw-1001")));
        store.putClient(
                new ClientRecord(
                        "pbx", "acme", Set.of(Role.PBX, Role.INGEST), hasher.hash("pbx-secret")));
        LoginThrottle throttle =
                new LoginThrottle(
                        new LoginThrottle.Limit(3, Duration.ofMinutes(3)),
                        new LoginThrottle.Limit(10, Duration.ofMinutes(1)),
                        fakeTime);
        authenticator = new Authenticator(store, hasher, throttle);
    }

    @Test
    void theRightPasswordNamesTheCallerInItsTenant() {
        assertThat(authenticator.login("acme", "1001", "pw-1001", OFFICE))
                .isEqualTo(new Authenticated(Caller.of("1001", "acme", Role.AGENT)));
        assertThat(authenticator.client("pbx", "pbx-secret", OFFICE))
                .isEqualTo(new Authenticated(Caller.of("pbx", "acme", Role.PBX, Role.INGEST)));
    }

    @Test
    void wrongUnknownAndOtherTenantLookAlike() {
        assertThat(authenticator.login("acme", "1001", "wrong", OFFICE)).isEqualTo(new Refused());
        assertThat(authenticator.login("acme", "9999", "pw-1001", OFFICE)).isEqualTo(new Refused());
        assertThat(authenticator.login("beta", "1001", "pw-1001", OFFICE)).isEqualTo(new Refused());
        assertThat(authenticator.login("acme", "1001", null, OFFICE)).isEqualTo(new Refused());
        assertThat(authenticator.client("pbx", "wrong", OFFICE)).isEqualTo(new Refused());
    }

    @Test
    void anAccountIsThrottledAfterItsFailuresEvenWithTheRightPasswordUntilTimePasses() {
        for (int i = 0; i < 3; i++) {
            assertThat(authenticator.login("acme", "1001", "guess-" + i, OFFICE))
                    .isEqualTo(new Refused());
        }
        Authenticator.Outcome blocked = authenticator.login("acme", "1001", "pw-1001", OFFICE);
        assertThat(blocked).isInstanceOf(Throttled.class);
        assertThat(((Throttled) blocked).retryAfter()).isEqualTo(Duration.ofMinutes(1));

        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(authenticator.login("acme", "1001", "pw-1001", OFFICE))
                .isInstanceOf(Authenticated.class);
    }

    @Test
    void anAddressGuessingManyAccountsIsThrottledAcrossThem() {
        for (int i = 0; i < 10; i++) {
            authenticator.login("acme", "user-" + i, "guess", OFFICE);
        }
        assertThat(authenticator.login("acme", "1001", "pw-1001", OFFICE))
                .isInstanceOf(Throttled.class);
        assertThat(authenticator.login("acme", "1001", "pw-1001", "198.51.100.1"))
                .isInstanceOf(Authenticated.class);
    }
}
