package io.ringstream.postgres;

import io.ringstream.localserver.ServerProcesses;
import io.ringstream.localserver.StopHook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server process on a directory of our choosing, for {@code ./ringstream up} and
 * integration tests: Debian's package starts no service here, there is no Docker, and embedded
 * PostgreSQL libraries run the server as the JVM's user, which fails as root.
 *
 * <p>Under the directory given to {@link #start}: {@code pgdata/} (the cluster, owned by the user
 * the server runs as, see {@link ServerUser}), {@code superuser-password} (owner-only) and {@code
 * postgres.log}. The server listens on 127.0.0.1 only and requires the superuser {@value
 * #SUPERUSER}'s password (SCRAM) over TCP and its socket alike: a password generated at {@code
 * initdb}, so other local users cannot log in as superuser, which would let them run programs as
 * the server's user.
 *
 * <p>The process lives until {@link #close()} or JVM exit (a shutdown hook stops it); {@link
 * #findRunning(Path)} finds one another process started.
 */
public final class LocalPostgresServer implements AutoCloseable {
    /** The only address the server listens on. */
    public static final String HOST = "127.0.0.1";

    /** The superuser {@code initdb} creates; the only role until migrations add others. */
    public static final String SUPERUSER = "ringstream";

    /** The database every start makes sure exists. */
    public static final String DATABASE = "ringstream";

    static final String PGDATA = "pgdata";
    static final String PASSWORD_FILE = "superuser-password";
    static final String LOG_FILE = "postgres.log";

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgresServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);
    private static final int START_ATTEMPTS_ON_FREE_PORTS = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Process process;
    private final PostgresBinaries binaries;
    private final ServerUser user;
    private final Path dataDir;
    private final int port;
    private final String password;
    private final StopHook stopHook;
    private boolean closed;

    private LocalPostgresServer(
            Process process,
            PostgresBinaries binaries,
            ServerUser user,
            Path dataDir,
            int port,
            String password) {
        this.process = process;
        this.binaries = binaries;
        this.user = user;
        this.dataDir = dataDir;
        this.port = port;
        this.password = password;
        this.stopHook =
                StopHook.register(
                        "postgres-stop",
                        () -> stopServer(binaries, user, dataDir, process.toHandle()));
    }

    /**
     * Starts a server on {@code dataDir} (created and initialised if missing; existing data is
     * kept), returns once it accepts connections and the {@value #DATABASE} database exists.
     *
     * @param port the TCP port, or 0 for a free one
     * @throws IllegalStateException if the binaries are missing, a server already runs on this
     *     directory, the port is taken, or the server does not come up (the message quotes its log)
     */
    public static LocalPostgresServer start(Path dataDir, int port) {
        PostgresBinaries binaries = PostgresBinaries.require();
        ServerUser user = ServerUser.forThisProcess();
        Path dir = dataDir.toAbsolutePath().normalize();
        prepareDirectory(dir, user);
        findRunning(dir)
                .ifPresent(
                        running -> {
                            throw new IllegalStateException(
                                    "a PostgreSQL server already runs on "
                                            + dir
                                            + " (pid "
                                            + running.pid()
                                            + ", port "
                                            + running.port()
                                            + "); use findRunning() to connect to it");
                        });
        String password = initIfNeeded(binaries, user, dir);
        int attempts = port == 0 ? START_ATTEMPTS_ON_FREE_PORTS : 1;
        StartFailure failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return launch(binaries, user, dir, Ports.freeIfZero(port), password);
            } catch (StartFailure e) {
                // Another process can grab a picked port between picking and binding; retry.
                failure = e;
                LOG.warn("postgres did not start (attempt {}): {}", attempt, e.getMessage());
            }
        }
        throw new IllegalStateException(failure.getMessage(), failure);
    }

    /** Starts a server on {@code dataDir} on a free port. */
    public static LocalPostgresServer startOnFreePort(Path dataDir) {
        return start(dataDir, 0);
    }

    /**
     * The server a previous {@link #start} left running on {@code dataDir}, if its postmaster is
     * alive, has finished starting, and accepts our password within a few seconds.
     */
    public static Optional<RunningPostgres> findRunning(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path pgdata = dir.resolve(PGDATA);
        Optional<PostmasterPid> recorded = readPidFile(pgdata);
        Path passwordFile = dir.resolve(PASSWORD_FILE);
        if (recorded.isEmpty()
                || !isAlivePostgres(recorded.get().pid())
                || !Files.isRegularFile(passwordFile)) {
            return Optional.empty();
        }
        RunningPostgres server =
                new RunningPostgres(
                        recorded.get().pid(), recorded.get().port(), dir, readPassword(dir));
        boolean answers =
                ServerProcesses.awaitReady(
                        server.pid(),
                        "postgres",
                        () -> accepts(server.jdbcUrl("postgres"), server.password()),
                        Duration.ofSeconds(5));
        return answers ? Optional.of(server) : Optional.empty();
    }

    /**
     * Stops the server running on {@code dataDir} (started by any process) with a fast shutdown.
     *
     * @return whether a server was running and has been stopped
     */
    public static boolean stop(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Optional<PostmasterPid> recorded = readPidFile(dir.resolve(PGDATA));
        if (recorded.isEmpty() || !isAlivePostgres(recorded.get().pid())) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(recorded.get().pid());
        if (handle.isEmpty()) {
            return false;
        }
        stopServer(PostgresBinaries.require(), ServerUser.forThisProcess(), dir, handle.get());
        return true;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String user() {
        return SUPERUSER;
    }

    /** The superuser's password (also in {@link #passwordFile()}). */
    public String password() {
        return password;
    }

    /** The owner-only file holding the superuser's password. */
    public Path passwordFile() {
        return passwordFile(dataDir);
    }

    /** The owner-only file holding the superuser's password of the server on {@code dataDir}. */
    public static Path passwordFile(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve(PASSWORD_FILE);
    }

    /** JDBC URL of the {@value #DATABASE} database. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** JDBC URL of another database on this server. */
    public String jdbcUrl(String database) {
        return PostgresJdbc.url(port, database);
    }

    /** A new connection to the {@value #DATABASE} database; the caller closes it. */
    public Connection connect() {
        return PostgresJdbc.connect(jdbcUrl(), SUPERUSER, password);
    }

    /** The same server as a {@link RunningPostgres}, as {@link #findRunning} would give it. */
    public RunningPostgres running() {
        return new RunningPostgres(process.pid(), port, dataDir, password);
    }

    /**
     * Creates a database owned by the superuser unless it exists.
     *
     * @param name lower-case letters, digits and underscores, starting with a letter
     */
    public void createDatabase(String name) {
        createDatabase(jdbcUrl("postgres"), password, name);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Leaves the stop to whoever closes this server: the JVM shutdown hook that would otherwise
     * stop it (a safety net for tests) is removed. For an owner that closes its parts in order on
     * shutdown, as {@code ./ringstream up} does, so that what writes to PostgreSQL stops first.
     */
    public LocalPostgresServer stopOnlyWhenClosed() {
        stopHook.remove();
        return this;
    }

    /** Stops the server ({@code pg_ctl stop -m fast}) and waits for it to exit. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopServer(binaries, user, dataDir, process.toHandle());
        stopHook.remove();
        LOG.info("postgres on {} stopped", dataDir);
    }

    @Override
    public String toString() {
        return "LocalPostgresServer[port=" + port + ", " + dataDir + "]";
    }

    /**
     * Creates {@code dir}; when the server runs as another user, lets that user traverse it (o+x,
     * not list it) and checks it can reach it, since initdb's error would not say which directory.
     */
    private static void prepareDirectory(Path dir, ServerUser user) {
        try {
            Files.createDirectories(dir);
            if (!user.switches()) {
                return;
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
            if (mode.add(PosixFilePermission.OTHERS_EXECUTE)) {
                Files.setPosixFilePermissions(dir, mode);
            }
            for (Path parent = dir.getParent(); parent != null; parent = parent.getParent()) {
                if (!Files.getPosixFilePermissions(parent)
                        .contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException(
                            "PostgreSQL runs as the '"
                                    + user.name().orElseThrow()
                                    + "' user, which cannot reach "
                                    + dir
                                    + " because "
                                    + parent
                                    + " is not searchable by others (chmod o+x "
                                    + parent
                                    + ", or choose another directory)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    /** Runs initdb when the cluster does not exist yet; returns the superuser's password. */
    private static String initIfNeeded(PostgresBinaries binaries, ServerUser user, Path dir) {
        Path pgdata = dir.resolve(PGDATA);
        if (Files.isRegularFile(pgdata.resolve("PG_VERSION"))) {
            if (!Files.isRegularFile(dir.resolve(PASSWORD_FILE))) {
                throw new IllegalStateException(
                        pgdata
                                + " exists but its password file "
                                + dir.resolve(PASSWORD_FILE)
                                + " is missing; restore it or remove "
                                + dir);
            }
            return readPassword(dir);
        }
        String password = newPassword();
        Path initPassword = dir.resolve(PASSWORD_FILE + ".initdb");
        try {
            if (Files.exists(pgdata)) {
                try (var entries = Files.list(pgdata)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalStateException(
                                pgdata + " is neither empty nor a PostgreSQL cluster");
                    }
                }
            } else {
                Files.createDirectory(
                        pgdata, PosixFilePermissions.asFileAttribute(ownerOnly(true)));
            }
            user.own(pgdata);
            writeOwnerOnly(dir.resolve(PASSWORD_FILE), password);
            // initdb reads its own copy: as root, the postgres user cannot read ours.
            Files.deleteIfExists(initPassword);
            writeOwnerOnly(initPassword, password);
            user.own(initPassword);
            runToCompletion(
                    user.command(PostgresCommands.initdb(binaries, pgdata, initPassword)),
                    dir,
                    INITDB_TIMEOUT,
                    "initdb");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot initialise " + pgdata, e);
        } finally {
            try {
                Files.deleteIfExists(initPassword);
            } catch (IOException e) {
                LOG.warn("cannot delete {}", initPassword, e);
            }
        }
        LOG.info("initialised a PostgreSQL cluster in {}", pgdata);
        return password;
    }

    private static LocalPostgresServer launch(
            PostgresBinaries binaries, ServerUser user, Path dir, int port, String password) {
        if (!Ports.isFree(port)) {
            throw new StartFailure("port " + port + " on " + HOST + " is already in use");
        }
        Path pgdata = dir.resolve(PGDATA);
        long startedAt = System.nanoTime();
        Process process;
        try {
            process =
                    processBuilder(
                                    PostgresCommands.ownSession(
                                            user.command(
                                                    PostgresCommands.postgres(
                                                            binaries, pgdata, port))))
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(Redirect.appendTo(dir.resolve(LOG_FILE).toFile()))
                            .start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binaries.postgres(), e);
        }
        awaitReady(process, dir, port, password);
        LOG.info(
                "postgres pid {} ready on {}:{} in {} ms, data in {}",
                process.pid(),
                HOST,
                port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt),
                pgdata);
        LocalPostgresServer server =
                new LocalPostgresServer(process, binaries, user, dir, port, password);
        try {
            server.createDatabase(DATABASE);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static void awaitReady(Process process, Path dir, int port, String password) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String url = PostgresJdbc.url(port, "postgres");
        while (true) {
            if (!process.isAlive()) {
                throw new StartFailure(
                        "postgres exited with code "
                                + process.exitValue()
                                + " during start-up; "
                                + logTail(dir));
            }
            // The process must still be ours after the connection, not another server's port.
            if (accepts(url, password) && process.isAlive()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new StartFailure(
                        "postgres did not accept connections on port "
                                + port
                                + " within "
                                + START_TIMEOUT.toSeconds()
                                + " s; "
                                + logTail(dir));
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static boolean accepts(String url, String password) {
        try (Connection ignored = PostgresJdbc.tryConnect(url, SUPERUSER, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    static void createDatabase(String maintenanceUrl, String password, String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = PostgresJdbc.connect(maintenanceUrl, SUPERUSER, password);
                PreparedStatement exists =
                        connection.prepareStatement(
                                "SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    /**
     * {@code pg_ctl stop -m fast}, then waits for the process to exit; kills it only if it is still
     * there after the timeout (the next start then recovers from the WAL).
     */
    private static void stopServer(
            PostgresBinaries binaries, ServerUser user, Path dir, ProcessHandle handle) {
        if (!handle.isAlive()) {
            return;
        }
        try {
            runToCompletion(
                    user.command(
                            PostgresCommands.stop(
                                    binaries, dir.resolve(PGDATA), (int) STOP_TIMEOUT.toSeconds())),
                    dir,
                    STOP_TIMEOUT.plusSeconds(10),
                    "pg_ctl stop");
        } catch (RuntimeException e) {
            // E.g. Ctrl-C reached the server first and it is already gone: check below.
            LOG.warn("pg_ctl stop on {} failed: {}", dir, e.getMessage());
        }
        if (!awaitExit(handle, STOP_TIMEOUT)) {
            LOG.warn("postgres pid {} did not stop; killing it", handle.pid());
            handle.destroyForcibly();
            awaitExit(handle, STOP_TIMEOUT);
        }
    }

    private static void runToCompletion(
            List<String> command, Path dir, Duration timeout, String what) {
        try {
            Process process =
                    processBuilder(command)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(Redirect.appendTo(dir.resolve(LOG_FILE).toFile()))
                            .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        what + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        what
                                + " failed with exit code "
                                + process.exitValue()
                                + "; "
                                + logTail(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + what, e);
        }
    }

    /** Our settings, not the caller's: a PGPORT or PGDATA in the environment must not leak in. */
    private static ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        return builder;
    }

    private static Optional<PostmasterPid> readPidFile(Path pgdata) {
        try {
            return PostmasterPid.read(pgdata);
        } catch (UncheckedIOException e) {
            return Optional.empty(); // Not readable by us: not a server we started.
        }
    }

    private static boolean isAlivePostgres(long pid) {
        return ServerProcesses.isAlive(pid, "postgres");
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

    static String readPassword(Path dir) {
        try {
            return Files.readString(dir.resolve(PASSWORD_FILE), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(PASSWORD_FILE), e);
        }
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly(false)));
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    }

    private static Set<PosixFilePermission> ownerOnly(boolean directory) {
        Set<PosixFilePermission> mode =
                EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        if (directory) {
            mode.add(PosixFilePermission.OWNER_EXECUTE);
        }
        return mode;
    }

    /** 24 random bytes, URL-safe base64: no character needs quoting anywhere. */
    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String logTail(Path dir) {
        Path log = dir.resolve(LOG_FILE);
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return "\n--- " + log + " ---\n" + String.join("\n", tail);
        } catch (IOException e) {
            return "(" + log + " unreadable: " + e + ")";
        }
    }

    /** A start attempt that failed in a way a retry on another port may fix. */
    private static final class StartFailure extends RuntimeException {
        StartFailure(String message) {
            super(message);
        }
    }
}
