package io.ringstream.testkit;

import io.ringstream.postgres.LocalPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one PostgreSQL server a test JVM shares, in its own temp directory; JUnit closes it after the
 * last test because it lives in the root extension store.
 */
// AutoCloseable too: JUnit 5.13+ prefers it, while the project's JUnit 5.11 only knows
// CloseableResource. JUnit calls close() once either way.
final class PostgresSharedServer
        implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final Path dir;
    private final LocalPostgresServer server;

    private PostgresSharedServer(Path dir, LocalPostgresServer server) {
        this.dir = dir;
        this.server = server;
    }

    private static PostgresSharedServer jvmWide;

    /**
     * The test JVM's one server, started on first use by the JUnit extension or by {@link
     * PostgresDatabases} (a Micronaut test context, which has no JUnit store). The server's own
     * stop hook stops it when the JVM exits if JUnit has not closed it first.
     */
    static synchronized PostgresSharedServer jvmWide() {
        if (jvmWide == null) {
            jvmWide = start();
        }
        return jvmWide;
    }

    static PostgresSharedServer start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("ringstream-postgres-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PostgresSharedServer(dir, LocalPostgresServer.startOnFreePort(dir));
    }

    LocalPostgresServer server() {
        return server;
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
