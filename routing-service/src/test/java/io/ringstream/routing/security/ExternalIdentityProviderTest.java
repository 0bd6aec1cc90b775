package io.ringstream.routing.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A company's own identity provider (Keycloak, Entra ID, Okta): routing-service accepts its tokens
 * by the keys at its JWKS URL, with role and tenant from the configured claims, and refuses tokens
 * signed by any other key or issued by anyone else. The provider here is an HTTP server this test
 * starts, serving this test's own key.
 */
class ExternalIdentityProviderTest {
    private static final String ISSUER = "https://idp.example/realms/acme";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RSAKey providerKey;
    private static HttpServer provider;
    private static EmbeddedServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        providerKey = new RSAKeyGenerator(2048).keyID("idp-key-1").generate();
        byte[] jwks =
                new JWKSet(providerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext(
                "/jwks",
                exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    exchange.getResponseBody().write(jwks);
                    exchange.close();
                });
        provider.start();
        server =
                ApplicationContext.run(
                        EmbeddedServer.class,
                        Map.of(
                                "micronaut.server.port",
                                -1,
                                "micronaut.security.token.jwt.signatures.jwks.oidc.url",
                                "http://127.0.0.1:" + provider.getAddress().getPort() + "/jwks",
                                "ringstream.security.oidc-issuer",
                                ISSUER,
                                "ringstream.security.oidc-roles-claim",
                                "realm_access.roles",
                                "ringstream.security.oidc-tenant-claim",
                                "org"),
                        "test");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (provider != null) {
            provider.stop(0);
        }
    }

    @Test
    void aProvidersTokenIsAcceptedWithRoleAndTenantFromItsClaims() throws Exception {
        HttpResponse<String> me = get("/v1/auth/me", token(providerKey, c -> c));

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode who = JSON.readTree(me.body());
        assertThat(who.get("subject").asText()).isEqualTo("sam");
        assertThat(who.get("tenant").asText()).isEqualTo("acme");
        assertThat(who.get("roles").toString()).isEqualTo("[\"SUPERVISOR\"]");
        assertThat(get("/v1/supervisor/live", token(providerKey, c -> c)).statusCode())
                .isEqualTo(200);
        assertThat(get("/v1/supervisor/live?tenant=other", token(providerKey, c -> c)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aTokenSignedByAnUnknownKeyIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("idp-key-1").generate();

        assertThat(get("/v1/auth/me", token(stranger, c -> c)).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenOfAnotherIssuerOrWithoutTenantOrRoleIsRefused() throws Exception {
        assertThat(
                        get(
                                        "/v1/auth/me",
                                        token(providerKey, c -> c.issuer("https://evil.example")))
                                .statusCode())
                .isEqualTo(401);
        assertThat(get("/v1/auth/me", token(providerKey, c -> c.claim("org", null))).statusCode())
                .isEqualTo(401);
        assertThat(
                        get(
                                        "/v1/auth/me",
                                        token(
                                                providerKey,
                                                c ->
                                                        c.claim(
                                                                "realm_access",
                                                                Map.of(
                                                                        "roles",
                                                                        List.of(
                                                                                "offline_access")))))
                                .statusCode())
                .isEqualTo(401);
    }

    /** A Keycloak-shaped token: roles under realm_access, the tenant in "org". */
    private static String token(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change)
            throws Exception {
        JWTClaimsSet.Builder claims =
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .subject("sam")
                        .claim("org", "acme")
                        .claim(
                                "realm_access",
                                Map.of("roles", List.of("supervisor", "offline_access")))
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(300)));
        SignedJWT jwt =
                new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                        change.apply(claims).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
