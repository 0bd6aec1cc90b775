package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpOptionsTest {
    private static final Path DEFAULT_DIR = Path.of("/tmp/rs-data");
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void defaultsRunTheSimulatorUntilStopped() {
        UpOptions options = UpOptions.parse(new String[0], DEFAULT_DIR, NO_ENV);

        assertThat(options.simulator()).isTrue();
        assertThat(options.runFor()).isEmpty();
        assertThat(options.dataDir()).isEqualTo(DEFAULT_DIR);
        assertThat(options.amiPort()).isEqualTo(5038);
    }

    @Test
    void forAndDataDirAreRead() {
        UpOptions options =
                UpOptions.parse(
                        new String[] {"--for", "60s", "--data-dir", "/var/rs"},
                        DEFAULT_DIR,
                        NO_ENV);

        assertThat(options.runFor()).contains(Duration.ofSeconds(60));
        assertThat(options.dataDir()).isEqualTo(Path.of("/var/rs"));
    }

    @Test
    void aRealPbxReplacesTheSimulatorWithItsSecretFromTheEnvironment() {
        UpOptions options =
                UpOptions.parse(
                        new String[] {
                            "--no-simulator", "--ami", "pbx.local:5039", "--ami-user", "rs"
                        },
                        DEFAULT_DIR,
                        Map.of("RINGSTREAM_AMI_SECRET", "s3"));

        assertThat(options.simulator()).isFalse();
        assertThat(options.amiHost()).contains("pbx.local");
        assertThat(options.amiPort()).isEqualTo(5039);
        assertThat(options.amiUser()).isEqualTo("rs");
        assertThat(options.amiSecret()).isEqualTo("s3");
        assertThat(options.toString()).doesNotContain("s3").contains("rs:***@pbx.local:5039");
    }

    @Test
    void theSecretMayComeFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ami");
        Files.writeString(file, "from-file\n");

        UpOptions options =
                UpOptions.parse(
                        new String[] {"--no-simulator", "--ami", "pbx:5038", "--ami-user", "rs"},
                        DEFAULT_DIR,
                        Map.of("RINGSTREAM_AMI_SECRET_FILE", file.toString()));

        assertThat(options.amiSecret()).isEqualTo("from-file");
    }

    @Test
    void aSecretOnTheCommandLineIsRefusedWithWhereToPutIt() {
        assertThatThrownBy(
                        () ->
                                UpOptions.parse(
                                        new String[] {
                                            "--no-simulator",
                                            "--ami",
                                            "pbx:5038",
                                            "--ami-user",
                                            "rs",
                                            "--ami-secret",
                                            "s3"
                                        },
                                        DEFAULT_DIR,
                                        Map.of("RINGSTREAM_AMI_SECRET", "s3")))
                .hasMessageContaining("--ami-secret is not accepted")
                .hasMessageContaining("RINGSTREAM_AMI_SECRET or RINGSTREAM_AMI_SECRET_FILE")
                .hasMessageNotContaining("s3");
    }

    @Test
    void aRealPbxNeedsCredentialsAndNoSimulator() {
        assertThatThrownBy(
                        () ->
                                UpOptions.parse(
                                        new String[] {"--no-simulator", "--ami", "pbx:5038"},
                                        DEFAULT_DIR,
                                        Map.of("RINGSTREAM_AMI_SECRET", "s3")))
                .hasMessageContaining("--ami-user");
        assertThatThrownBy(
                        () ->
                                UpOptions.parse(
                                        new String[] {
                                            "--no-simulator",
                                            "--ami",
                                            "pbx:5038",
                                            "--ami-user",
                                            "rs"
                                        },
                                        DEFAULT_DIR,
                                        NO_ENV))
                .hasMessageContaining("RINGSTREAM_AMI_SECRET")
                .hasMessageContaining("RINGSTREAM_AMI_SECRET_FILE");
        assertThatThrownBy(
                        () ->
                                UpOptions.parse(
                                        new String[] {"--ami", "pbx:5038"}, DEFAULT_DIR, NO_ENV))
                .hasMessageContaining("--no-simulator");
        assertThatThrownBy(
                        () -> UpOptions.parse(new String[] {"--no-simulator"}, DEFAULT_DIR, NO_ENV))
                .hasMessageContaining("--ami HOST:PORT");
    }

    @Test
    void theSimulatorGetsARandomSecretEachRunNeverABuiltInOne() {
        UpOptions first = UpOptions.parse(new String[0], DEFAULT_DIR, NO_ENV);
        UpOptions second = UpOptions.parse(new String[0], DEFAULT_DIR, NO_ENV);

        assertThat(first.amiSecret()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo("ringstream");
        assertThat(first.amiSecret()).isNotEqualTo(second.amiSecret());
        assertThat(first.toString()).doesNotContain(first.amiSecret());
    }

    @Test
    void unknownOptionsAndBadDurationsAreRefused() {
        assertThatThrownBy(() -> UpOptions.parse(new String[] {"--fast"}, DEFAULT_DIR, NO_ENV))
                .hasMessage("unknown option: --fast");
        assertThatThrownBy(
                        () -> UpOptions.parse(new String[] {"--for", "soon"}, DEFAULT_DIR, NO_ENV))
                .hasMessageContaining("not a duration");
    }

    @Test
    void durationsAcceptCommonUnits() {
        assertThat(Durations.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theDemoChatFloorRunsWithTheSimulatorUnlessTurnedOff() {
        assertThat(UpOptions.parse(new String[0], DEFAULT_DIR, NO_ENV).demoChat()).isTrue();
        assertThat(UpOptions.parse(new String[] {"--no-demo-chat"}, DEFAULT_DIR, NO_ENV).demoChat())
                .isFalse();
        assertThat(
                        UpOptions.parse(
                                        new String[] {
                                            "--no-simulator",
                                            "--ami",
                                            "pbx:5038",
                                            "--ami-user",
                                            "rs"
                                        },
                                        DEFAULT_DIR,
                                        Map.of("RINGSTREAM_AMI_SECRET", "s3"))
                                .demoChat())
                .isFalse();
        assertThat(UpOptions.parse(new String[0], DEFAULT_DIR, NO_ENV).ports().gateway())
                .isEqualTo(8090);
    }
}
