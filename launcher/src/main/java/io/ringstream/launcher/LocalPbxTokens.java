package io.ringstream.launcher;

import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.tokens.TokenIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The in-process bridge's bearer tokens for the local routing-service (role PBX), minted with the
 * local signing key instead of a client secret: {@code up} holds the key anyway, so no secret is
 * put in a flag, a variable or a log. A token lives {@link #TTL} and is replaced once less than
 * {@link #RENEW_BEFORE} of it is left, so a request never carries one about to expire. Thread-safe.
 */
final class LocalPbxTokens implements Supplier<String> {
    static final Duration TTL = Duration.ofHours(1);
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    static final String SUBJECT = "ringstream-up-bridge";

    private final TokenIssuer issuer;
    private final Caller caller;
    private final Clock clock;

    private String token;
    private Instant renewAt = Instant.MIN;

    LocalPbxTokens(TokenIssuer issuer, String tenant, Clock clock) {
        this.issuer = issuer;
        this.caller = Caller.of(SUBJECT, tenant, Role.PBX);
        this.clock = clock;
    }

    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            token = issuer.issue(caller, TTL);
            renewAt = now.plus(TTL).minus(RENEW_BEFORE);
        }
        return token;
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "local PBX tokens for " + caller.tenant();
    }
}
