package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.postgres.LocalPostgresServer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./ringstream psql "SQL"} on a real PostgreSQL, running or started for the command. */
class PsqlCommandITCase {
    @TempDir Path dataDir;

    @BeforeEach
    void letThePostgresUserReachTheDataDir() throws Exception {
        // As root the server runs as 'postgres', which must traverse the owner-only temp dir.
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dataDir);
        mode.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(dataDir, mode);
    }

    @Test
    void startsTheServerForTheCommandAndStopsItAfterwards() throws Exception {
        Path out = dataDir.resolve("psql.out");

        int code =
                PsqlCommand.run(
                        new String[] {"--data-dir", dataDir.toString(), "SELECT 40 + 2 AS answer"},
                        Path.of("unused"),
                        Redirect.to(out.toFile()));

        assertThat(code).isZero();
        assertThat(Files.readString(out)).contains("answer").contains("42");
        assertThat(LocalPostgresServer.findRunning(LocalLayout.of(dataDir).postgres())).isEmpty();
    }

    @Test
    void usesTheServerUpRunsAndLeavesItRunning() throws Exception {
        Path out = dataDir.resolve("psql.out");
        try (LocalPostgresServer server =
                LocalPostgresServer.startOnFreePort(LocalLayout.of(dataDir).postgres())) {
            int code =
                    PsqlCommand.run(new String[] {"SHOW port"}, dataDir, Redirect.to(out.toFile()));

            assertThat(code).isZero();
            assertThat(Files.readString(out)).contains(Integer.toString(server.port()));
            assertThat(server.isAlive()).isTrue();
        }
    }

    @Test
    void anSqlErrorIsANonZeroExitWithPsqlsMessage() throws Exception {
        Path out = dataDir.resolve("psql.out");

        int code =
                PsqlCommand.run(
                        new String[] {"SELECT * FROM no_such_table"},
                        dataDir,
                        Redirect.to(out.toFile()));

        assertThat(code).isNotZero();
        assertThat(Files.readString(out)).contains("no_such_table");
    }
}
