package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpOptionsTest {
    private static final Path DEFAULT_DIR = Path.of("/tmp/rs-data");

    @Test
    void defaultsRunTheSimulatorUntilStopped() {
        UpOptions options = UpOptions.parse(new String[0], DEFAULT_DIR);

        assertThat(options.simulator()).isTrue();
        assertThat(options.runFor()).isEmpty();
        assertThat(options.dataDir()).isEqualTo(DEFAULT_DIR);
        assertThat(options.amiPort()).isEqualTo(5038);
    }

    @Test
    void forAndDataDirAreRead() {
        UpOptions options =
                UpOptions.parse(
                        new String[] {"--for", "60s", "--data-dir", "/var/rs"}, DEFAULT_DIR);

        assertThat(options.runFor()).contains(Duration.ofSeconds(60));
        assertThat(options.dataDir()).isEqualTo(Path.of("/var/rs"));
    }

    @Test
    void aRealPbxReplacesTheSimulator() {
        UpOptions options =
                UpOptions.parse(
                        new String[] {
                            "--no-simulator",
                            "--ami",
                            "pbx.local:5039",
                            "--ami-user",
                            "rs",
                            "--ami-secret",
                            "s3"
                        },
                        DEFAULT_DIR);

        assertThat(options.simulator()).isFalse();
        assertThat(options.amiHost()).contains("pbx.local");
        assertThat(options.amiPort()).isEqualTo(5039);
        assertThat(options.amiUser()).isEqualTo("rs");
        assertThat(options.amiSecret()).isEqualTo("s3");
    }

    @Test
    void aRealPbxNeedsCredentialsAndNoSimulator() {
        assertThatThrownBy(
                        () ->
                                UpOptions.parse(
                                        new String[] {"--no-simulator", "--ami", "pbx:5038"},
                                        DEFAULT_DIR))
                .hasMessageContaining("--ami-user");
        assertThatThrownBy(() -> UpOptions.parse(new String[] {"--ami", "pbx:5038"}, DEFAULT_DIR))
                .hasMessageContaining("--no-simulator");
        assertThatThrownBy(() -> UpOptions.parse(new String[] {"--no-simulator"}, DEFAULT_DIR))
                .hasMessageContaining("--ami HOST:PORT");
    }

    @Test
    void unknownOptionsAndBadDurationsAreRefused() {
        assertThatThrownBy(() -> UpOptions.parse(new String[] {"--fast"}, DEFAULT_DIR))
                .hasMessage("unknown option: --fast");
        assertThatThrownBy(() -> UpOptions.parse(new String[] {"--for", "soon"}, DEFAULT_DIR))
                .hasMessageContaining("not a duration");
    }

    @Test
    void durationsAcceptCommonUnits() {
        assertThat(Durations.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    }
}
