package io.ringstream.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command lines: loopback only, SCRAM everywhere, UTF-8, the socket in the data directory. */
class PostgresCommandsTest {
    private static final PostgresBinaries BIN =
            new PostgresBinaries(Path.of("/usr/lib/postgresql/15/bin"));
    private static final Path PGDATA = Path.of("/srv/rs/postgres/pgdata");

    @Test
    void initdbRequiresTheGeneratedPasswordOverTcpAndTheSocket() {
        List<String> command = PostgresCommands.initdb(BIN, PGDATA, Path.of("/srv/rs/postgres/pw"));

        assertThat(command)
                .startsWith("/usr/lib/postgresql/15/bin/initdb", "--pgdata=/srv/rs/postgres/pgdata")
                .contains(
                        "--username=ringstream",
                        "--pwfile=/srv/rs/postgres/pw",
                        "--auth-host=scram-sha-256",
                        "--auth-local=scram-sha-256",
                        "--encoding=UTF8",
                        "--locale=C.UTF-8")
                .noneMatch(arg -> arg.contains("trust"));
    }

    @Test
    void theServerListensOnLoopbackOnlyWithItsSocketInTheDataDirectory() {
        assertThat(PostgresCommands.postgres(BIN, PGDATA, 5432))
                .containsExactly(
                        "/usr/lib/postgresql/15/bin/postgres",
                        "-D",
                        "/srv/rs/postgres/pgdata",
                        "-p",
                        "5432",
                        "-c",
                        "listen_addresses=127.0.0.1",
                        "-c",
                        "unix_socket_directories=/srv/rs/postgres/pgdata",
                        "-c",
                        "logging_collector=off");
    }

    @Test
    void aDataDirectoryTooLongForASocketPathGetsNoSocket() {
        Path deep = Path.of("/tmp/" + "d".repeat(90) + "/pgdata");

        assertThat(PostgresCommands.socketDirectory(deep, 5432)).isEmpty();
        assertThat(PostgresCommands.postgres(BIN, deep, 5432)).contains("unix_socket_directories=");
    }

    @Test
    void theServerRunsInASessionOfItsOwnSoCtrlCReachesOnlyTheJvm() {
        List<String> server =
                ServerUser.of("postgres").command(PostgresCommands.postgres(BIN, PGDATA, 5432));

        assertThat(PostgresCommands.ownSession(server))
                .startsWith("setsid", "setpriv")
                .endsWith(server.toArray(String[]::new))
                .hasSize(server.size() + 1);
    }

    @Test
    void stopIsFastAndWaits() {
        assertThat(PostgresCommands.stop(BIN, PGDATA, 60))
                .containsExactly(
                        "/usr/lib/postgresql/15/bin/pg_ctl",
                        "stop",
                        "-D",
                        "/srv/rs/postgres/pgdata",
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        "60");
    }

    @Test
    void asRootEveryProgramRunsAsThePostgresUserInPlace() {
        List<String> stop = PostgresCommands.stop(BIN, PGDATA, 60);

        assertThat(ServerUser.of("postgres").command(stop))
                .startsWith(
                        "setpriv",
                        "--reuid=postgres",
                        "--regid=postgres",
                        "--init-groups",
                        "--",
                        "/usr/lib/postgresql/15/bin/pg_ctl")
                .endsWith(stop.toArray(String[]::new));
        assertThat(ServerUser.CURRENT.command(stop)).isEqualTo(stop);
        assertThat(ServerUser.CURRENT.switches()).isFalse();
    }
}
