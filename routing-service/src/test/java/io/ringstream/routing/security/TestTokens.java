package io.ringstream.routing.security;

import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.tokens.SigningKey;
import io.ringstream.security.tokens.TokenIssuer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Real tokens for tests, signed with the key the test service uses (application-test.properties
 * names the same file), so every test request goes through Micronaut Security as in production.
 */
public final class TestTokens {
    public static final Path KEY_FILE = Path.of("target/test-security/jwt.key");

    private static final TokenIssuer ISSUER =
            new TokenIssuer(SigningKey.loadOrCreate(KEY_FILE), Clock.systemUTC());

    private TestTokens() {}

    public static String of(Caller caller) {
        return ISSUER.issue(caller, Duration.ofMinutes(10));
    }

    public static String agent(String tenant, String agentId) {
        return of(Caller.of(agentId, tenant, Role.AGENT));
    }

    public static String supervisor(String tenant) {
        return of(Caller.of("supervisor", tenant, Role.SUPERVISOR));
    }

    public static String pbx(String tenant) {
        return of(Caller.of("pbx", tenant, Role.PBX));
    }

    public static String admin(String tenant) {
        return of(Caller.of("admin", tenant, Role.ADMIN));
    }
}
