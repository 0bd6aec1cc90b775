package io.ringstream.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final SigningKey KEY = SigningKey.fromSecret("k".repeat(SigningKey.MIN_BYTES));

    @TempDir Path dir;

    private final TokenIssuer issuer = new TokenIssuer(KEY, at(NOW));
    private final Caller agent = Caller.of("1001", "acme", Role.AGENT);

    @Test
    void aTokenNamesItsCallerToTheVerifier() throws Exception {
        String token = issuer.issue(agent, Duration.ofMinutes(30));
        assertThat(new TokenVerifier(KEY, at(NOW.plusSeconds(60))).verify(token)).isEqualTo(agent);
    }

    @Test
    void anExpiredTokenIsRefusedOnceTheClockSkewIsUsedUp() throws Exception {
        String token = issuer.issue(agent, Duration.ofMinutes(30));
        Instant expiry = NOW.plus(Duration.ofMinutes(30));
        assertThat(new TokenVerifier(KEY, at(expiry.plusSeconds(29))).verify(token))
                .isEqualTo(agent);
        assertThatThrownBy(() -> new TokenVerifier(KEY, at(expiry.plusSeconds(30))).verify(token))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void anotherKeysTokenIsRefused() {
        String token =
                new TokenIssuer(SigningKey.fromSecret("x".repeat(40)), at(NOW))
                        .issue(agent, Duration.ofMinutes(30));
        assertThatThrownBy(() -> new TokenVerifier(KEY, at(NOW)).verify(token))
                .hasMessageContaining("signature");
    }

    @Test
    void anUnsignedTokenOrGarbageIsRefused() {
        String unsigned =
                new PlainJWT(new PlainHeader(), claims().build()).serialize(); // alg: none
        TokenVerifier verifier = new TokenVerifier(KEY, at(NOW));
        assertThatThrownBy(() -> verifier.verify(unsigned))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify("not.a.jwt"))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(null)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aTokenWithoutTenantOrKnownRoleOrFromAnotherIssuerIsRefused() throws Exception {
        TokenVerifier verifier = new TokenVerifier(KEY, at(NOW));
        assertThatThrownBy(() -> verifier.verify(sign(claims().claim(TokenClaims.TENANT, null))))
                .hasMessageContaining("tenant");
        assertThatThrownBy(
                        () ->
                                verifier.verify(
                                        sign(claims().claim(TokenClaims.ROLES, List.of("ROOT")))))
                .hasMessageContaining("role");
        assertThatThrownBy(() -> verifier.verify(sign(claims().issuer("someone-else"))))
                .hasMessageContaining("issuer");
        assertThat(verifier.verify(sign(claims()))).isEqualTo(agent);
    }

    @Test
    void theLocalKeyIsCreatedOnceAndOnlyItsOwnerCanReadIt() throws Exception {
        Path file = dir.resolve("security/jwt.key");
        SigningKey first = SigningKey.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String token = new TokenIssuer(first, at(NOW)).issue(agent, Duration.ofMinutes(5));
        assertThat(new TokenVerifier(SigningKey.loadOrCreate(file), at(NOW)).verify(token))
                .isEqualTo(agent);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> SigningKey.fromSecret("short"))
                .hasMessageContaining(SigningKey.MIN_BYTES + " bytes");
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(TokenClaims.ISSUER)
                .subject("1001")
                .claim(TokenClaims.TENANT, "acme")
                .claim(TokenClaims.ROLES, List.of("AGENT"))
                .expirationTime(Date.from(NOW.plusSeconds(600)));
    }

    private static String sign(JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(KEY.bytes()));
        return jwt.serialize();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
