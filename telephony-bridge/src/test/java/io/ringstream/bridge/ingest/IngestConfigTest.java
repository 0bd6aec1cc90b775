package io.ringstream.bridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest endpoint is off unless a port is configured, and never on without credentials. */
class IngestConfigTest {
    private static final String JWT = "j".repeat(40);
    private static final String HMAC = "h".repeat(20);

    @Test
    void offWithoutAPort() {
        assertThat(IngestConfig.fromEnv(Map.of())).isNull();
    }

    @Test
    void readsPortAndBindAddress() {
        IngestConfig c =
                IngestConfig.fromEnv(
                        Map.of(
                                "RINGSTREAM_INGEST_PORT",
                                "8090",
                                "RINGSTREAM_INGEST_BIND",
                                "127.0.0.1",
                                "RINGSTREAM_JWT_SECRET",
                                JWT));
        assertThat(c.port()).isEqualTo(8090);
        assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(c.maxBodyBytes()).isEqualTo(64 * 1024);
        assertThat(c.credentials().jwtKey()).isNotNull();
        assertThat(c.credentials().hmac()).isNull();
    }

    @Test
    void aMalformedPortIsNamed() {
        assertThatThrownBy(() -> IngestConfig.fromEnv(Map.of("RINGSTREAM_INGEST_PORT", "http")))
                .hasMessageContaining("RINGSTREAM_INGEST_PORT");
    }

    @Test
    void withoutEitherSecretTheIngestRefusesToStartNamingBoth() {
        assertThatThrownBy(() -> IngestConfig.fromEnv(Map.of("RINGSTREAM_INGEST_PORT", "8090")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RINGSTREAM_JWT_SECRET")
                .hasMessageContaining("RINGSTREAM_INGEST_HMAC_SECRET");
    }

    @Test
    void signedBodiesActInTheConfiguredTenantDefaultingToDefault(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("hmac");
        Files.writeString(file, HMAC + "\n");
        IngestCredentials fromFile =
                IngestConfig.fromEnv(
                                Map.of(
                                        "RINGSTREAM_INGEST_PORT",
                                        "0",
                                        "RINGSTREAM_INGEST_HMAC_SECRET_FILE",
                                        file.toString()))
                        .credentials();
        IngestCredentials named =
                IngestConfig.fromEnv(
                                Map.of(
                                        "RINGSTREAM_INGEST_PORT", "0",
                                        "RINGSTREAM_INGEST_HMAC_SECRET", HMAC,
                                        "RINGSTREAM_INGEST_HMAC_TENANT", "acme"))
                        .credentials();

        assertThat(fromFile.hmacTenant()).isEqualTo("default");
        assertThat(fromFile.jwtKey()).isNull();
        assertThat(named.hmacTenant()).isEqualTo("acme");
        assertThat(fromFile.hmac().verify("b".getBytes(), named.hmac().sign("b".getBytes())))
                .isTrue();
    }

    @Test
    void weakOrDoubleSecretsAreNamedNeverPrinted() {
        assertThatThrownBy(
                        () ->
                                IngestConfig.fromEnv(
                                        Map.of(
                                                "RINGSTREAM_INGEST_PORT", "0",
                                                "RINGSTREAM_JWT_SECRET", "short-secret")))
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(
                        () ->
                                IngestConfig.fromEnv(
                                        Map.of(
                                                "RINGSTREAM_INGEST_PORT", "0",
                                                "RINGSTREAM_INGEST_HMAC_SECRET", HMAC,
                                                "RINGSTREAM_INGEST_HMAC_SECRET_FILE", "/x")))
                .hasMessageContaining("not both")
                .hasMessageNotContaining(HMAC);
        assertThatThrownBy(
                        () ->
                                IngestConfig.fromEnv(
                                        Map.of(
                                                "RINGSTREAM_INGEST_PORT", "0",
                                                "RINGSTREAM_INGEST_HMAC_SECRET", HMAC,
                                                "RINGSTREAM_INGEST_HMAC_TENANT", "no tenant!")))
                .hasMessageContaining("RINGSTREAM_INGEST_HMAC_TENANT");
    }

    @Test
    void theConfigNeverPrintsASecret() {
        IngestConfig c =
                IngestConfig.fromEnv(
                        Map.of(
                                "RINGSTREAM_INGEST_PORT", "0",
                                "RINGSTREAM_JWT_SECRET", JWT,
                                "RINGSTREAM_INGEST_HMAC_SECRET", HMAC));

        assertThat(c.toString())
                .doesNotContain(JWT, HMAC)
                .contains("bearerTokens=true", "hmac=tenant default");
    }
}
