package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code psql} command's arguments and the psql command line it runs. */
class PsqlCommandTest {
    private static final Path DEFAULT = Path.of("/srv/rs/data");

    @Test
    void withoutSqlItIsAnInteractiveSessionOnTheDefaultDataDir() {
        PsqlCommand.Request request = PsqlCommand.Request.parse(new String[0], DEFAULT);

        assertThat(request.dataDir()).isEqualTo(DEFAULT);
        assertThat(request.sql()).isEmpty();
        assertThat(PsqlCommand.command(Path.of("/usr/bin/psql"), 5432, request.sql()))
                .containsExactly(
                        "/usr/bin/psql",
                        "--host=127.0.0.1",
                        "--port=5432",
                        "--username=ringstream",
                        "--dbname=ringstream");
    }

    @Test
    void sqlWordsFormOneCommandThatStopsAtTheFirstError() {
        PsqlCommand.Request request =
                PsqlCommand.Request.parse(
                        new String[] {"--data-dir", "/tmp/rs", "SELECT", "count(*) FROM x"},
                        DEFAULT);

        assertThat(request.dataDir()).isEqualTo(Path.of("/tmp/rs"));
        assertThat(request.sql()).contains("SELECT count(*) FROM x");
        assertThat(PsqlCommand.command(Path.of("psql"), 6000, request.sql()))
                .endsWith(
                        "--no-psqlrc", "--set=ON_ERROR_STOP=1", "--command=SELECT count(*) FROM x")
                .noneMatch(arg -> arg.contains("password"));
    }

    @Test
    void refusesUnknownOptionsAndAMissingDataDir() {
        assertThatThrownBy(() -> PsqlCommand.Request.parse(new String[] {"--header"}, DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option: --header");
        assertThatThrownBy(() -> PsqlCommand.Request.parse(new String[] {"--data-dir"}, DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--data-dir needs a value");
    }

    @Test
    void theDataDirIsAbsolute() {
        assertThat(PsqlCommand.Request.parse(new String[] {"--data-dir", "rel"}, DEFAULT).dataDir())
                .isAbsolute();
    }
}
