package io.ringstream.postgres;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines we run, built apart from running them so the choices (loopback only, password
 * authentication, UTF-8, the socket in the data directory) are unit-tested.
 */
final class PostgresCommands {
    /** Unix socket paths are limited to 107 bytes; beyond, the server listens on TCP only. */
    static final int MAX_SOCKET_PATH = 100;

    private PostgresCommands() {}

    /**
     * A new cluster whose superuser {@link LocalPostgresServer#SUPERUSER} has the password in
     * {@code passwordFile}, required over TCP and the socket alike (SCRAM), with UTF-8 text and
     * code-point ordering ({@code C.UTF-8}: no dependency on installed locales).
     */
    static List<String> initdb(PostgresBinaries binaries, Path pgdata, Path passwordFile) {
        return List.of(
                binaries.initdb().toString(),
                "--pgdata=" + pgdata,
                "--username=" + LocalPostgresServer.SUPERUSER,
                "--pwfile=" + passwordFile,
                "--auth-host=scram-sha-256",
                "--auth-local=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-instructions");
    }

    /**
     * The server in the foreground on 127.0.0.1:{@code port} only, its socket in the data directory
     * (no socket when that path is too long), logging to standard error.
     */
    static List<String> postgres(PostgresBinaries binaries, Path pgdata, int port) {
        List<String> command = new ArrayList<>();
        command.add(binaries.postgres().toString());
        command.add("-D");
        command.add(pgdata.toString());
        command.add("-p");
        command.add(Integer.toString(port));
        command.add("-c");
        command.add("listen_addresses=" + LocalPostgresServer.HOST);
        command.add("-c");
        command.add("unix_socket_directories=" + socketDirectory(pgdata, port));
        command.add("-c");
        command.add("logging_collector=off");
        return List.copyOf(command);
    }

    /**
     * {@code command} in a session of its own ({@code setsid} execs it in place, since the child of
     * a JVM leads no process group): Ctrl-C in the terminal then reaches the JVM only, which stops
     * the server in its turn instead of the server quitting before everything using it.
     */
    static List<String> ownSession(List<String> command) {
        List<String> detached = new ArrayList<>();
        detached.add("setsid");
        detached.addAll(command);
        return List.copyOf(detached);
    }

    /** A fast stop (disconnect clients, checkpoint, exit), waiting up to {@code seconds}. */
    static List<String> stop(PostgresBinaries binaries, Path pgdata, int seconds) {
        return List.of(
                binaries.pgCtl().toString(),
                "stop",
                "-D",
                pgdata.toString(),
                "-m",
                "fast",
                "-w",
                "-t",
                Integer.toString(seconds));
    }

    /** The data directory, or "" (no socket) when {@code .s.PGSQL.<port>} there is too long. */
    static String socketDirectory(Path pgdata, int port) {
        String socket = pgdata.resolve(".s.PGSQL." + port).toString();
        return socket.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH
                ? pgdata.toString()
                : "";
    }
}
