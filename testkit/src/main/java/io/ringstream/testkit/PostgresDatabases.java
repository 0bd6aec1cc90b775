package io.ringstream.testkit;

import io.ringstream.postgres.LocalPostgresServer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh databases on the test JVM's shared PostgreSQL server for code that is not a JUnit test
 * class, such as a Micronaut test context configurer: each call gives a new, empty database, so
 * every application context migrates its own schema and sees no other context's rows.
 */
public final class PostgresDatabases {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private PostgresDatabases() {}

    /** Where to reach a fresh database. */
    public record Database(String jdbcUrl, String user, String password) {}

    /** Creates a new empty database on the shared server (starting the server if needed). */
    public static Database fresh(String prefix) {
        LocalPostgresServer server = PostgresSharedServer.jvmWide().server();
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNT.incrementAndGet();
        server.createDatabase(name);
        return new Database(server.jdbcUrl(name), server.user(), server.password());
    }
}
