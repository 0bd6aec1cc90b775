package io.ringstream.security.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a Ringstream bearer token outside routing-service (the bridge's transcript ingest), with
 * the same rules Micronaut Security applies inside it: HS256 with the shared key, issuer
 * "ringstream", not expired (30 s of clock skew allowed), and a subject, tenant and at least one
 * known role.
 */
public final class TokenVerifier {
    /** How far apart two hosts' clocks may be. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final JWSVerifier verifier;
    private final Clock clock;

    public TokenVerifier(SigningKey key, Clock clock) {
        this.verifier = key.verifier();
        this.clock = clock;
    }

    /** The caller a valid token names. */
    public Caller verify(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("no token");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token.trim());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not a signed JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("the token is not signed with HS256");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("the token's signature is not valid");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("the token's signature cannot be checked");
        }
        if (!TokenClaims.ISSUER.equals(claims.getIssuer())) {
            throw new InvalidTokenException("the token comes from another issuer");
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || !now.isBefore(expires.toInstant().plus(CLOCK_SKEW))) {
            throw new InvalidTokenException("the token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(CLOCK_SKEW).isBefore(notBefore.toInstant())) {
            throw new InvalidTokenException("the token is not valid yet");
        }
        return caller(claims);
    }

    private static Caller caller(JWTClaimsSet claims) throws InvalidTokenException {
        try {
            String tenant = claims.getStringClaim(TokenClaims.TENANT);
            List<String> names = claims.getStringListClaim(TokenClaims.ROLES);
            Set<Role> roles = EnumSet.noneOf(Role.class);
            if (names != null) {
                names.forEach(n -> Role.parse(n).ifPresent(roles::add));
            }
            if (claims.getSubject() == null || tenant == null || roles.isEmpty()) {
                throw new InvalidTokenException("the token lacks a subject, tenant or role");
            }
            return new Caller(claims.getSubject(), tenant, roles);
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidTokenException("the token's claims are malformed");
        }
    }
}
