package io.ringstream.clickhouse;

import io.ringstream.localserver.ServerProcesses;
import io.ringstream.localserver.StopHook;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real clickhouse-server process on a data directory of our choosing, for development, the
 * launcher and integration tests (there is no Docker here, and the Debian package starts no
 * service).
 *
 * <p>The process lives until {@link #close()} or JVM exit (a shutdown hook stops it). While it
 * runs, a pid file in the data directory names its ports, so another process can find it with
 * {@link #findRunning(Path)}.
 */
public final class LocalClickHouseServer implements AutoCloseable {
    /** The only address the server listens on. */
    public static final String HOST = "127.0.0.1";

    /** Set to a path to use a clickhouse-server binary that is not on the usual paths. */
    public static final String BINARY_ENV = "RINGSTREAM_CLICKHOUSE_BINARY";

    private static final Logger LOG = LoggerFactory.getLogger(LocalClickHouseServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PING_TIMEOUT = Duration.ofMillis(500);
    private static final int START_ATTEMPTS_ON_FREE_PORTS = 3;
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final List<Path> WELL_KNOWN_BINARIES =
            List.of(
                    Path.of("/usr/bin/clickhouse-server"),
                    Path.of("/usr/sbin/clickhouse-server"),
                    Path.of("/usr/local/bin/clickhouse-server"));

    private final Process process;
    private final Path dataDir;
    private final int httpPort;
    private final int tcpPort;
    private final StopHook stopHook;
    private boolean closed;

    private LocalClickHouseServer(Process process, Path dataDir, int httpPort, int tcpPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.stopHook = StopHook.register("clickhouse-server-stop", () -> stopProcess(process));
    }

    /**
     * Starts a server on {@code dataDir} (created if missing; existing data is kept) and returns
     * once it answers HTTP {@code /ping}.
     *
     * @param httpPort the HTTP port, or 0 for a free one
     * @param tcpPort the native-protocol port, or 0 for a free one
     * @throws IllegalStateException if a server already runs on this directory, a requested port is
     *     taken, or the server does not come up (the message quotes its error log)
     */
    public static LocalClickHouseServer start(Path dataDir, int httpPort, int tcpPort) {
        Path binary = ClickHouseInstaller.ensureInstalled();
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        findRunning(dir)
                .ifPresent(
                        running -> {
                            throw new IllegalStateException(
                                    "a clickhouse-server already runs on "
                                            + dir
                                            + " (pid "
                                            + running.pid()
                                            + ", http port "
                                            + running.httpPort()
                                            + "); use findRunning() to connect to it");
                        });
        boolean portsArePicked = httpPort == 0 || tcpPort == 0;
        int attempts = portsArePicked ? START_ATTEMPTS_ON_FREE_PORTS : 1;
        StartFailure failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            int http = Ports.freeIfZero(httpPort);
            int tcp = Ports.freeIfZero(tcpPort);
            while (tcp == http && tcpPort == 0) {
                tcp = Ports.free();
            }
            try {
                return launch(binary, dir, http, tcp);
            } catch (StartFailure e) {
                // Another process can grab a picked port between picking and binding; retry.
                failure = e;
                LOG.warn(
                        "clickhouse-server did not start (attempt {}): {}",
                        attempt,
                        e.getMessage());
            }
        }
        throw new IllegalStateException(failure.getMessage(), failure);
    }

    /** Starts a server on {@code dataDir} with free HTTP and native ports. */
    public static LocalClickHouseServer startOnFreePorts(Path dataDir) {
        return start(dataDir, 0, 0);
    }

    /**
     * The server a previous {@link #start} left running on {@code dataDir}, if its process is
     * alive, is a clickhouse-server, and answers {@code /ping} within a few seconds.
     */
    public static Optional<RunningServer> findRunning(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Optional<RunningServer> recorded = ServerStateFile.read(dir);
        if (recorded.isEmpty() || !isAliveClickHouse(recorded.get().pid())) {
            return Optional.empty();
        }
        RunningServer server = recorded.get();
        boolean answers =
                ServerProcesses.awaitReady(
                        server.pid(),
                        "clickhouse",
                        () -> HttpPing.answers(HOST, server.httpPort(), PING_TIMEOUT),
                        Duration.ofSeconds(5));
        return answers ? Optional.of(server) : Optional.empty();
    }

    /**
     * Stops the server running on {@code dataDir} (started by any process), waiting for it to exit.
     *
     * @return whether a server was running and has been stopped
     */
    public static boolean stop(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Optional<RunningServer> recorded = ServerStateFile.read(dir);
        if (recorded.isEmpty() || !isAliveClickHouse(recorded.get().pid())) {
            return false;
        }
        long pid = recorded.get().pid();
        ProcessHandle.of(pid).ifPresent(LocalClickHouseServer::stopHandle);
        ServerStateFile.deleteIfOwnedBy(dir, pid);
        return true;
    }

    /**
     * The clickhouse-server binary: {@value #BINARY_ENV} if set, else the first of {@code PATH} and
     * the Debian package's locations ({@code /usr/sbin} is not on a normal user's PATH).
     */
    public static Optional<Path> findBinary() {
        String override = System.getenv(BINARY_ENV);
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String entry : pathVariable.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                Path candidate = Path.of(entry, "clickhouse-server");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return WELL_KNOWN_BINARIES.stream().filter(Files::isExecutable).findFirst();
    }

    public int httpPort() {
        return httpPort;
    }

    public int tcpPort() {
        return tcpPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** JDBC URL of the {@code ringstream} database (it exists once {@link #migrate()} ran). */
    public String jdbcUrl() {
        return ClickHouseJdbc.jdbcUrl(HOST, httpPort, Table.DATABASE);
    }

    /** A JDBC access point on the {@code ringstream} database. */
    public ClickHouseJdbc jdbc() {
        return ClickHouseJdbc.connect(jdbcUrl());
    }

    /** Applies the project's pending migrations; returns the names applied now. */
    public List<String> migrate() {
        return ClickHouseMigrator.migrate(HOST, httpPort);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s) and waits for it to exit. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess(process);
        stopHook.remove();
        ServerStateFile.deleteIfOwnedBy(dataDir, process.pid());
        LOG.info("clickhouse-server on {} stopped", dataDir);
    }

    @Override
    public String toString() {
        return "LocalClickHouseServer[http=" + httpPort + ", tcp=" + tcpPort + ", " + dataDir + "]";
    }

    private static LocalClickHouseServer launch(Path binary, Path dir, int http, int tcp) {
        requireFree(http);
        requireFree(tcp);
        Path config = ServerConfig.write(dir, http, tcp);
        long startedAt = System.nanoTime();
        Process process;
        try {
            process =
                    new ProcessBuilder(ownSession(binary.toString(), "--config-file=" + config))
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(
                                    Redirect.appendTo(ServerConfig.consoleLog(dir).toFile()))
                            .start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        }
        awaitReady(process, dir, http);
        ServerStateFile.write(dir, process.pid(), http, tcp);
        LOG.info(
                "clickhouse-server pid {} ready on http {} / tcp {} in {} ms, data in {}",
                process.pid(),
                http,
                tcp,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt),
                dir);
        return new LocalClickHouseServer(process, dir, http, tcp);
    }

    /**
     * The server's command in a session of its own when {@code setsid} exists (it execs the server
     * in place): Ctrl-C in a terminal then reaches the JVM only, and the owner stops the server in
     * its turn, after everything that writes to it.
     */
    static List<String> ownSession(String... command) {
        List<String> line = new java.util.ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            line.add(SETSID.toString());
        }
        line.addAll(List.of(command));
        return List.copyOf(line);
    }

    /**
     * Leaves the stop to whoever closes this server: the JVM shutdown hook that would otherwise
     * stop it (a safety net for tests) is removed. For an owner that closes its parts in order on
     * shutdown, as {@code ./ringstream up} does, so that the Flink jobs' last writes and savepoints
     * still find the server.
     */
    public LocalClickHouseServer stopOnlyWhenClosed() {
        stopHook.remove();
        return this;
    }

    private static void awaitReady(Process process, Path dir, int http) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new StartFailure(
                        "clickhouse-server exited with code "
                                + process.exitValue()
                                + " during start-up; "
                                + logTail(dir));
            }
            // The process must still be ours after the ping, not another server on that port.
            if (HttpPing.answers(HOST, http, PING_TIMEOUT) && process.isAlive()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                stopProcess(process);
                throw new StartFailure(
                        "clickhouse-server did not answer /ping on port "
                                + http
                                + " within "
                                + START_TIMEOUT.toSeconds()
                                + " s; "
                                + logTail(dir));
            }
            LockSupport.parkNanos(Duration.ofMillis(25).toNanos());
        }
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new StartFailure("port " + port + " on " + HOST + " is already in use");
        }
    }

    private static String logTail(Path dir) {
        StringBuilder out = new StringBuilder();
        for (Path log : List.of(ServerConfig.errorLog(dir), ServerConfig.consoleLog(dir))) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                List<String> tail = lines.subList(Math.max(0, lines.size() - 15), lines.size());
                out.append("\n--- ").append(log).append(" ---\n").append(String.join("\n", tail));
            } catch (IOException e) {
                out.append("\n(").append(log).append(" unreadable: ").append(e).append(')');
            }
        }
        return out.toString();
    }

    private static boolean isAliveClickHouse(long pid) {
        return ServerProcesses.isAlive(pid, "clickhouse");
    }

    private static void stopProcess(Process process) {
        stopHandle(process.toHandle());
    }

    private static void stopHandle(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        if (!awaitExit(handle, STOP_TIMEOUT)) {
            LOG.warn("clickhouse-server pid {} ignored SIGTERM; killing it", handle.pid());
            handle.destroyForcibly();
            awaitExit(handle, STOP_TIMEOUT);
        }
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for pid " + handle.pid() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    /** A start attempt that failed in a way a retry on other ports may fix. */
    private static final class StartFailure extends RuntimeException {
        StartFailure(String message) {
            super(message);
        }
    }
}
