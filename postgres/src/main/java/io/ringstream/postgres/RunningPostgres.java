package io.ringstream.postgres;

import java.nio.file.Path;
import java.sql.Connection;

/**
 * A PostgreSQL server found alive on a data directory, possibly started by another process, with
 * what a client needs to connect. The password is never printed: {@link #toString()} masks it.
 *
 * @param pid the postmaster's process id
 * @param port its TCP port on {@link LocalPostgresServer#HOST}
 * @param dataDir the directory given to {@link LocalPostgresServer#start}
 * @param password the password of {@link LocalPostgresServer#SUPERUSER}
 */
public record RunningPostgres(long pid, int port, Path dataDir, String password) {

    /** JDBC URL of the {@code ringstream} database. */
    public String jdbcUrl() {
        return jdbcUrl(LocalPostgresServer.DATABASE);
    }

    public String jdbcUrl(String database) {
        return PostgresJdbc.url(port, database);
    }

    public String user() {
        return LocalPostgresServer.SUPERUSER;
    }

    /** A new connection to the {@code ringstream} database; the caller closes it. */
    public Connection connect() {
        return PostgresJdbc.connect(jdbcUrl(), user(), password);
    }

    @Override
    public String toString() {
        return "RunningPostgres[pid=" + pid + ", port=" + port + ", " + dataDir + "]";
    }
}
