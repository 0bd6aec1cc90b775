package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process lifecycle: start, discovery by a later process, restart on the same data,
 * stop.
 */
class LocalClickHouseServerITCase {

    @Test
    void startsAnswersAndIsFoundByALaterProcessUntilClosed(@TempDir Path dir) {
        RunningServer found;
        long pid;
        try (LocalClickHouseServer server = LocalClickHouseServer.startOnFreePorts(dir)) {
            pid = server.pid();
            assertThat(server.httpPort()).isPositive().isNotEqualTo(server.tcpPort());
            assertThat(
                            ClickHouseJdbc.connect("127.0.0.1", server.httpPort(), "default")
                                    .queryValue("SELECT version()"))
                    .isNotBlank();

            Optional<RunningServer> running = LocalClickHouseServer.findRunning(dir);
            assertThat(running).isPresent();
            found = running.get();
            assertThat(found.pid()).isEqualTo(pid);
            assertThat(found.httpPort()).isEqualTo(server.httpPort());
            assertThat(found.tcpPort()).isEqualTo(server.tcpPort());
            assertThat(found.jdbcUrl()).isEqualTo(server.jdbcUrl()).contains("/ringstream");

            assertThatThrownBy(() -> LocalClickHouseServer.startOnFreePorts(dir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already runs on");
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(LocalClickHouseServer.findRunning(dir)).isEmpty();
    }

    @Test
    void runsInASessionOfItsOwnSoATerminalsCtrlCReachesOnlyTheJvm(@TempDir Path dir)
            throws Exception {
        try (LocalClickHouseServer server =
                LocalClickHouseServer.startOnFreePorts(dir).stopOnlyWhenClosed()) {
            assertThat(ProcessHandle.of(server.pid()).flatMap(h -> h.info().command()))
                    .hasValueSatisfying(c -> assertThat(c).contains("clickhouse"));
            assertThat(session(String.valueOf(server.pid()))).isNotEqualTo(session("self"));
        }
    }

    /** The session id of a process: field 6 of /proc/<pid>/stat, counted after its name. */
    private static String session(String pid) throws Exception {
        String stat = java.nio.file.Files.readString(Path.of("/proc", pid, "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3];
    }

    @Test
    void keepsDataAcrossRestartsOnTheSameDirectory(@TempDir Path dir) {
        try (LocalClickHouseServer server = LocalClickHouseServer.startOnFreePorts(dir)) {
            server.migrate();
            server.jdbc()
                    .execute(
                            "INSERT INTO ringstream.dead_letters (reason, failed_at) VALUES"
                                    + " ('kept', now())");
        }
        try (LocalClickHouseServer again = LocalClickHouseServer.startOnFreePorts(dir)) {
            assertThat(again.migrate()).isEmpty();
            assertThat(again.jdbc().queryValue("SELECT reason FROM ringstream.dead_letters"))
                    .isEqualTo("kept");
        }
    }

    @Test
    void stopsAServerFoundThroughItsPidFile(@TempDir Path dir) {
        LocalClickHouseServer server = LocalClickHouseServer.startOnFreePorts(dir);
        try {
            assertThat(LocalClickHouseServer.stop(dir)).isTrue();
            assertThat(server.isAlive()).isFalse();
            assertThat(LocalClickHouseServer.findRunning(dir)).isEmpty();
            assertThat(LocalClickHouseServer.stop(dir)).isFalse();
        } finally {
            server.close();
        }
    }

    @Test
    void refusesARequestedPortThatIsTaken(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> LocalClickHouseServer.start(dir, taken.getLocalPort(), 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort());
        }
    }

    @Test
    void findsTheInstalledBinary() {
        assertThat(LocalClickHouseServer.findBinary()).isPresent();
    }
}
