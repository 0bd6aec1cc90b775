package io.ringstream.security.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs short-lived bearer tokens (HS256 JWTs) for a caller. routing-service uses it at login and
 * for client credentials; {@code ./ringstream token} uses it with the local key.
 */
public final class TokenIssuer {
    private final MACSigner signer;
    private final Clock clock;

    public TokenIssuer(SigningKey key, Clock clock) {
        try {
            this.signer = new MACSigner(key.bytes());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable signing key", e);
        }
        this.clock = clock;
    }

    /** A token for {@code caller} that expires after {@code ttl}. */
    public String issue(Caller caller, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet claims =
                new JWTClaimsSet.Builder()
                        .issuer(TokenClaims.ISSUER)
                        .subject(caller.subject())
                        .claim(TokenClaims.TENANT, caller.tenant())
                        .claim(
                                TokenClaims.ROLES,
                                caller.roles().stream().map(Role::name).sorted().toList())
                        .issueTime(Date.from(now))
                        .notBeforeTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(ttl)))
                        .jwtID(UUID.randomUUID().toString())
                        .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }
}
