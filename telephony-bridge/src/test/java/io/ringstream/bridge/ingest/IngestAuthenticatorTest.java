package io.ringstream.bridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.secrets.Hmac;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.tokens.SigningKey;
import io.ringstream.security.tokens.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Who may post transcripts, decided on the headers and the raw body alone. */
class IngestAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final SigningKey KEY = SigningKey.fromSecret("k".repeat(40));
    private static final Hmac HMAC = Hmac.withSecret("h".repeat(20));
    private static final byte[] BODY = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);

    private final IngestAuthenticator both =
            new IngestAuthenticator(
                    IngestCredentials.tokens(KEY).withHmac(HMAC, "signed-tenant"), CLOCK);

    private static String bearer(Caller caller, Clock issuedAt, Duration ttl) {
        return "Bearer " + new TokenIssuer(KEY, issuedAt).issue(caller, ttl);
    }

    private static String bearer(Caller caller) {
        return bearer(caller, CLOCK, Duration.ofMinutes(5));
    }

    private static Problem problemOf(ThrowingCallable call) {
        try {
            call.call();
        } catch (AccessDenied e) {
            return e.problem();
        } catch (Throwable t) {
            throw new AssertionError("expected AccessDenied but got " + t, t);
        }
        throw new AssertionError("expected AccessDenied");
    }

    @Test
    void anIngestTokenActsInItsTenant() throws Exception {
        String token = bearer(Caller.of("stt-engine", "acme", Role.INGEST));

        assertThat(both.tenantOf(token, null, BODY)).isEqualTo("acme");
        assertThat(both.tenantOf(token.replace("Bearer", "bearer"), null, BODY)).isEqualTo("acme");
    }

    @Test
    void aValidSignatureActsInTheConfiguredTenant() throws Exception {
        assertThat(both.tenantOf(null, HMAC.sign(BODY), BODY)).isEqualTo("signed-tenant");
        assertThat(both.tenantOf(null, HMAC.sign(BODY).toUpperCase(), BODY))
                .isEqualTo("signed-tenant");
    }

    @Test
    void noOrInvalidCredentialsAre401() {
        Caller ingest = Caller.of("stt", "acme", Role.INGEST);
        Clock anHourAgo = Clock.offset(CLOCK, Duration.ofHours(-1));
        SigningKey otherKey = SigningKey.fromSecret("o".repeat(40));
        String foreign =
                "Bearer " + new TokenIssuer(otherKey, CLOCK).issue(ingest, Duration.ofMinutes(5));
        byte[] tampered = "{\"x\":2}".getBytes(StandardCharsets.UTF_8);

        assertThat(problemOf(() -> both.tenantOf(null, null, BODY)).detail())
                .contains("Authorization: Bearer", IngestAuthenticator.SIGNATURE_HEADER);
        assertThat(problemOf(() -> both.tenantOf("Bearer not.a.jwt", null, BODY)).status())
                .isEqualTo(401);
        assertThat(problemOf(() -> both.tenantOf("Basic dTpw", null, BODY)).status())
                .isEqualTo(401);
        assertThat(problemOf(() -> both.tenantOf(foreign, null, BODY)).detail())
                .contains("signature");
        assertThat(
                        problemOf(
                                        () ->
                                                both.tenantOf(
                                                        bearer(
                                                                ingest,
                                                                anHourAgo,
                                                                Duration.ofMinutes(5)),
                                                        null,
                                                        BODY))
                                .detail())
                .contains("expired");
        assertThat(problemOf(() -> both.tenantOf(null, HMAC.sign(BODY), tampered)).status())
                .isEqualTo(401);
        assertThat(problemOf(() -> both.tenantOf(null, "sha256=", BODY)).status()).isEqualTo(401);
    }

    @Test
    void aValidTokenWithoutRoleIngestIs403() {
        Problem p =
                problemOf(
                        () ->
                                both.tenantOf(
                                        bearer(Caller.of("1001", "acme", Role.AGENT, Role.PBX)),
                                        null,
                                        BODY));

        assertThat(p.status()).isEqualTo(403);
        assertThat(p.type()).isEqualTo("/problems/forbidden");
    }

    @Test
    void aBearerTokenIsCheckedEvenWhenAValidSignatureComesWithIt() {
        assertThat(problemOf(() -> both.tenantOf("Bearer forged", HMAC.sign(BODY), BODY)).status())
                .isEqualTo(401);
    }

    @Test
    void onlyTheConfiguredKindOfCredentialIsAccepted() throws Exception {
        IngestAuthenticator tokensOnly =
                new IngestAuthenticator(IngestCredentials.tokens(KEY), CLOCK);
        IngestAuthenticator signaturesOnly =
                new IngestAuthenticator(IngestCredentials.NONE.withHmac(HMAC, "t1"), CLOCK);
        String token = bearer(Caller.of("stt", "acme", Role.INGEST));

        assertThat(problemOf(() -> tokensOnly.tenantOf(null, HMAC.sign(BODY), BODY)).status())
                .isEqualTo(401);
        assertThat(problemOf(() -> signaturesOnly.tenantOf(token, null, BODY)).status())
                .isEqualTo(401);
        assertThat(tokensOnly.tenantOf(token, null, BODY)).isEqualTo("acme");
        assertThat(signaturesOnly.tenantOf(null, HMAC.sign(BODY), BODY)).isEqualTo("t1");
    }

    @Test
    void withoutCredentialsThereIsNothingToCheckAgainst() {
        assertThatThrownBy(() -> new IngestAuthenticator(IngestCredentials.NONE, CLOCK))
                .hasMessageContaining("RINGSTREAM_JWT_SECRET")
                .hasMessageContaining("RINGSTREAM_INGEST_HMAC_SECRET");
    }
}
