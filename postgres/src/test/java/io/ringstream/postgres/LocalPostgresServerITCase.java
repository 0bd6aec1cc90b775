package io.ringstream.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process lifecycle on a real PostgreSQL: start, SQL over JDBC, discovery by a later
 * process, stop, restart on the same data.
 */
class LocalPostgresServerITCase {

    @Test
    void startsAcceptsSqlAndIsFoundByALaterProcessUntilClosed(@TempDir Path dir) throws Exception {
        long pid;
        try (LocalPostgresServer server = LocalPostgresServer.startOnFreePort(dir)) {
            pid = server.pid();
            assertThat(server.jdbcUrl())
                    .isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/ringstream");
            try (Connection connection = server.connect();
                    Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT current_database()")).isEqualTo("ringstream");
                assertThat(single(statement, "SHOW server_encoding")).isEqualTo("UTF8");
                assertThat(single(statement, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(single(statement, "SELECT upper('ça')")).isEqualTo("ÇA");
            }

            Optional<RunningPostgres> running = LocalPostgresServer.findRunning(dir);
            assertThat(running).contains(server.running());
            try (Connection connection = running.get().connect();
                    Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT 41 + 1")).isEqualTo("42");
            }

            assertThatThrownBy(() -> LocalPostgresServer.startOnFreePort(dir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already runs on");
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(LocalPostgresServer.findRunning(dir)).isEmpty();
        assertThat(Files.exists(dir.resolve("pgdata/postmaster.pid"))).isFalse();
    }

    @Test
    void keepsDataAcrossRestartsOnTheSameDirectory(@TempDir Path dir) throws Exception {
        String password;
        try (LocalPostgresServer server = LocalPostgresServer.startOnFreePort(dir)) {
            password = server.password();
            try (Connection connection = server.connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (name text PRIMARY KEY)");
                statement.execute("INSERT INTO kept VALUES ('Zoë')");
            }
        }
        try (LocalPostgresServer again = LocalPostgresServer.startOnFreePort(dir);
                Connection connection = again.connect();
                Statement statement = connection.createStatement()) {
            assertThat(again.password()).isEqualTo(password);
            assertThat(single(statement, "SELECT name FROM kept")).isEqualTo("Zoë");
        }
    }

    @Test
    void refusesAWrongPasswordAndKeepsItsOwnOwnerOnly(@TempDir Path dir) throws Exception {
        try (LocalPostgresServer server = LocalPostgresServer.startOnFreePort(dir)) {
            assertThatThrownBy(
                            () ->
                                    PostgresJdbc.tryConnect(
                                                    server.jdbcUrl(), "ringstream", "not-it")
                                            .close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThat(Files.getPosixFilePermissions(dir.resolve("superuser-password")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.exists(dir.resolve("superuser-password.initdb"))).isFalse();
        }
    }

    @Test
    void listensOnLoopbackOnly(@TempDir Path dir) throws Exception {
        List<InetAddress> others =
                NetworkInterface.networkInterfaces()
                        .flatMap(NetworkInterface::inetAddresses)
                        .filter(address -> !address.isLoopbackAddress())
                        .toList();
        assumeTrue(!others.isEmpty(), "this machine has no address beyond loopback");
        try (LocalPostgresServer server = LocalPostgresServer.startOnFreePort(dir)) {
            for (InetAddress address : others) {
                try (Socket socket = new Socket()) {
                    assertThatThrownBy(
                                    () ->
                                            socket.connect(
                                                    new InetSocketAddress(address, server.port()),
                                                    2000))
                            .as("%s:%d", address, server.port())
                            .isInstanceOf(IOException.class);
                }
            }
        }
    }

    @Test
    void stopsAServerFromOutsideTheProcessThatStartedIt(@TempDir Path dir) {
        LocalPostgresServer server = LocalPostgresServer.startOnFreePort(dir);
        try {
            assertThat(LocalPostgresServer.stop(dir)).isTrue();
            assertThat(server.isAlive()).isFalse();
            assertThat(LocalPostgresServer.stop(dir)).isFalse();
        } finally {
            server.close();
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
