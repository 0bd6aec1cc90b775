package io.ringstream.bridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ingest endpoint is off unless a port is configured. */
class IngestConfigTest {

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
                                "127.0.0.1"));
        assertThat(c.port()).isEqualTo(8090);
        assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(c.maxBodyBytes()).isEqualTo(64 * 1024);
    }

    @Test
    void aMalformedPortIsNamed() {
        assertThatThrownBy(() -> IngestConfig.fromEnv(Map.of("RINGSTREAM_INGEST_PORT", "http")))
                .hasMessageContaining("RINGSTREAM_INGEST_PORT");
    }
}
