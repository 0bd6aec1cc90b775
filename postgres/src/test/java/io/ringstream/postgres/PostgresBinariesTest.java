package io.ringstream.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binary discovery on a fake {@code /usr/lib/postgresql}: the newest complete version wins. */
class PostgresBinariesTest {

    @Test
    void picksTheNewestVersionNumericallyNotAlphabetically(@TempDir Path root) throws IOException {
        install(root.resolve("9.6/bin"));
        install(root.resolve("13/bin"));
        install(root.resolve("15/bin"));

        assertThat(PostgresBinaries.newestUnder(root))
                .map(PostgresBinaries::binDir)
                .contains(root.resolve("15/bin"));
    }

    @Test
    void skipsAVersionWithoutTheServerPrograms(@TempDir Path root) throws IOException {
        install(root.resolve("13/bin"));
        // Only the client installed for 16 (postgresql-client-16): no initdb.
        Path clientOnly = root.resolve("16/bin");
        Files.createDirectories(clientOnly);
        executable(clientOnly.resolve("psql"));
        Files.createDirectories(root.resolve("not-a-version/bin"));

        assertThat(PostgresBinaries.newestUnder(root))
                .map(PostgresBinaries::binDir)
                .contains(root.resolve("13/bin"));
    }

    @Test
    void findsNothingWithoutARootOrWithANonExecutableProgram(@TempDir Path root)
            throws IOException {
        assertThat(PostgresBinaries.newestUnder(root.resolve("missing"))).isEmpty();

        Path bin = root.resolve("15/bin");
        install(bin);
        Files.setPosixFilePermissions(
                bin.resolve("postgres"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(PostgresBinaries.newestUnder(root)).isEmpty();
    }

    @Test
    void namesTheProgramsInItsDirectory() {
        PostgresBinaries binaries = new PostgresBinaries(Path.of("/usr/lib/postgresql/15/bin"));

        assertThat(binaries.initdb()).hasToString("/usr/lib/postgresql/15/bin/initdb");
        assertThat(binaries.pgCtl()).hasToString("/usr/lib/postgresql/15/bin/pg_ctl");
        assertThat(binaries.postgres()).hasToString("/usr/lib/postgresql/15/bin/postgres");
        assertThat(binaries.psql()).hasToString("/usr/lib/postgresql/15/bin/psql");
    }

    private static void install(Path bin) throws IOException {
        Files.createDirectories(bin);
        for (String program : new String[] {"initdb", "postgres", "pg_ctl"}) {
            executable(bin.resolve(program));
        }
    }

    private static void executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
