package io.ringstream.clickhouse;

import java.nio.file.Path;

/**
 * A clickhouse-server found alive on a data directory, possibly started by another process.
 *
 * @param pid the server's process id
 * @param httpPort its HTTP port (JDBC and Grafana speak HTTP)
 * @param tcpPort its native-protocol port (clickhouse-client)
 * @param dataDir the data directory it serves
 */
public record RunningServer(long pid, int httpPort, int tcpPort, Path dataDir) {

    /** JDBC URL of the {@code ringstream} database on this server. */
    public String jdbcUrl() {
        return ClickHouseJdbc.jdbcUrl(LocalClickHouseServer.HOST, httpPort, Table.DATABASE);
    }

    /** A JDBC access point on the {@code ringstream} database. */
    public ClickHouseJdbc jdbc() {
        return ClickHouseJdbc.connect(jdbcUrl());
    }
}
