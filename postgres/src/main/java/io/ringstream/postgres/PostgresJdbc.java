package io.ringstream.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** How we open JDBC connections to a local server: one URL form and short network timeouts. */
final class PostgresJdbc {
    private PostgresJdbc() {}

    static String url(int port, String database) {
        return "jdbc:postgresql://" + LocalPostgresServer.HOST + ":" + port + "/" + database;
    }

    /** A connection, or an {@link IllegalStateException} carrying the driver's message. */
    static Connection connect(String url, String user, String password) {
        try {
            return tryConnect(url, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    static Connection tryConnect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("loginTimeout", "5");
        return DriverManager.getConnection(url, properties);
    }
}
