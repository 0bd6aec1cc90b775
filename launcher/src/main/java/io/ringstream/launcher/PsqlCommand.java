package io.ringstream.launcher;

import io.ringstream.postgres.LocalPostgresServer;
import io.ringstream.postgres.PostgresBinaries;
import io.ringstream.postgres.RunningPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./ringstream psql ["SQL"]}: PostgreSQL's own shell on the local database of a data dir,
 * interactive without SQL, else one command whose result psql prints. Uses the server that {@code
 * up} runs, or starts one on the same directory for the session, as {@code sql} does for
 * ClickHouse.
 */
final class PsqlCommand {
    private PsqlCommand() {}

    /**
     * What was asked: the data dir and the SQL, if any.
     *
     * @param sql empty for an interactive session
     */
    record Request(Path dataDir, Optional<String> sql) {
        static Request parse(String[] args, Path defaultDataDir) {
            Path dataDir = defaultDataDir;
            List<String> sql = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--data-dir")) {
                    if (++i >= args.length) {
                        throw new IllegalArgumentException("--data-dir needs a value");
                    }
                    dataDir = Path.of(args[i]);
                } else if (args[i].startsWith("--")) {
                    throw new IllegalArgumentException(
                            "unknown option: "
                                    + args[i]
                                    + "; usage: ./ringstream psql [--data-dir DIR] [\"SQL\"]");
                } else {
                    sql.add(args[i]);
                }
            }
            return new Request(
                    dataDir.toAbsolutePath().normalize(),
                    sql.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", sql)));
        }
    }

    /**
     * @param out where psql writes ({@link Redirect#INHERIT}: the terminal)
     * @return psql's exit code
     */
    static int run(String[] args, Path defaultDataDir, Redirect out) {
        Request request = Request.parse(args, defaultDataDir);
        Path psql = psqlBinary();
        Path postgresDir = LocalLayout.of(request.dataDir()).postgres();
        Optional<RunningPostgres> running = LocalPostgresServer.findRunning(postgresDir);
        if (running.isPresent()) {
            return psql(psql, running.get().port(), running.get().password(), request, out);
        }
        // Nothing runs on this directory: start a server on a free port for this session.
        try (LocalPostgresServer server = LocalPostgresServer.startOnFreePort(postgresDir)) {
            return psql(psql, server.port(), server.password(), request, out);
        }
    }

    /**
     * The psql command line; the password goes to psql's environment, never its arguments.
     * Scripted, psql reads no {@code ~/.psqlrc} and stops at the first error.
     */
    static List<String> command(Path psql, int port, Optional<String> sql) {
        List<String> command = new ArrayList<>();
        command.add(psql.toString());
        command.add("--host=" + LocalPostgresServer.HOST);
        command.add("--port=" + port);
        command.add("--username=" + LocalPostgresServer.SUPERUSER);
        command.add("--dbname=" + LocalPostgresServer.DATABASE);
        sql.ifPresent(
                text -> {
                    command.add("--no-psqlrc");
                    command.add("--set=ON_ERROR_STOP=1");
                    command.add("--command=" + text);
                });
        return List.copyOf(command);
    }

    private static int psql(Path psql, int port, String password, Request request, Redirect out) {
        ProcessBuilder builder =
                new ProcessBuilder(command(psql, port, request.sql()))
                        .redirectInput(Redirect.INHERIT)
                        .redirectOutput(out);
        if (out == Redirect.INHERIT) {
            builder.redirectError(Redirect.INHERIT);
        } else {
            builder.redirectErrorStream(true);
        }
        builder.environment().put("PGPASSWORD", password);
        if (request.sql().isEmpty()) {
            ignoreCtrlC();
        }
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + psql, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /**
     * In an interactive session Ctrl-C cancels psql's query; the terminal sends it to this JVM too,
     * which must not quit (and stop the server) under psql.
     */
    @SuppressWarnings("restriction")
    private static void ignoreCtrlC() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No SIGINT on this platform: nothing to ignore.
        }
    }

    /** The psql of the server's version, else the one on PATH. */
    private static Path psqlBinary() {
        Path psql = PostgresBinaries.require().psql();
        return Files.isExecutable(psql) ? psql : Path.of("psql");
    }
}
