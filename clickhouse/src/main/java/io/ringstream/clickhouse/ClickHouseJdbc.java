package io.ringstream.clickhouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import ru.yandex.clickhouse.ClickHouseDataSource;
import ru.yandex.clickhouse.settings.ClickHouseProperties;

/**
 * The one way Ringstream opens JDBC connections to ClickHouse: the legacy {@code ru.yandex} driver,
 * chosen explicitly and with compression off, because it is the only driver that works against
 * 18.16 (DriverManager would pick the jar's {@code com.clickhouse} driver, and 18.16 answers
 * compressed requests with an empty body).
 */
public final class ClickHouseJdbc {
    private final String url;
    private final ClickHouseDataSource dataSource;

    private ClickHouseJdbc(String url, ClickHouseDataSource dataSource) {
        this.url = url;
        this.dataSource = dataSource;
    }

    /**
     * Connects to a URL such as {@code jdbc:clickhouse://127.0.0.1:8123/ringstream} as the driver's
     * default user without a password (local mode and tests). Any {@code compress}/{@code
     * decompress} parameter in it is replaced by {@code compress=false}.
     */
    public static ClickHouseJdbc connect(String jdbcUrl) {
        return connect(jdbcUrl, ClickHouseCredentials.NONE);
    }

    /**
     * Connects as {@code credentials}, which reach the driver as its {@code user}/{@code password}
     * properties (sent as HTTP basic authentication), never in the URL.
     *
     * @throws IllegalArgumentException when the URL itself carries a password (a {@code password}
     *     parameter or {@code user:password@}): URLs are logged, so it belongs in {@value
     *     ClickHouseCredentials#PASSWORD_VARIABLE}; the message does not repeat the URL
     */
    public static ClickHouseJdbc connect(String jdbcUrl, ClickHouseCredentials credentials) {
        requireNoPasswordIn(jdbcUrl);
        String url = withoutCompression(jdbcUrl);
        ClickHouseProperties properties = new ClickHouseProperties();
        properties.setCompress(false);
        properties.setDecompress(false);
        credentials.applyTo(properties);
        return new ClickHouseJdbc(url, new ClickHouseDataSource(url, properties));
    }

    /**
     * Refuses a URL that holds a password, without echoing it; for code that prints or ships URLs
     * (job configs) to call before it does.
     *
     * @throws IllegalArgumentException naming the variables to use instead
     */
    public static void requireNoPasswordIn(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        String base = q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
        String query = q < 0 ? "" : jdbcUrl.substring(q + 1);
        boolean userInfo = base.contains("@");
        boolean parameter = false;
        for (String param : query.split("&")) {
            parameter |= param.split("=", 2)[0].equalsIgnoreCase("password");
        }
        if (userInfo || parameter) {
            throw new IllegalArgumentException(
                    "the ClickHouse JDBC URL must not carry a password (it gets logged): set "
                            + ClickHouseCredentials.PASSWORD_VARIABLE
                            + " or "
                            + ClickHouseCredentials.PASSWORD_VARIABLE
                            + "_FILE, and "
                            + ClickHouseCredentials.USER_VARIABLE
                            + " for the user");
        }
    }

    /** The URL with compression forced off (URL parameters override driver properties). */
    static String withoutCompression(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        String base = q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
        String query = q < 0 ? "" : jdbcUrl.substring(q + 1);
        StringBuilder kept = new StringBuilder();
        for (String param : query.split("&")) {
            String name = param.split("=", 2)[0];
            if (!param.isEmpty() && !name.equals("compress") && !name.equals("decompress")) {
                kept.append(param).append('&');
            }
        }
        return base + "?" + kept + "compress=false";
    }

    /** Connects to the HTTP port of a server, using {@code database} as the default database. */
    public static ClickHouseJdbc connect(String host, int httpPort, String database) {
        return connect(jdbcUrl(host, httpPort, database));
    }

    /** A URL for the legacy driver, with compression off. */
    public static String jdbcUrl(String host, int httpPort, String database) {
        return "jdbc:clickhouse://" + host + ":" + httpPort + "/" + database + "?compress=false";
    }

    public String url() {
        return url;
    }

    /** A DataSource that always hands out legacy-driver connections. */
    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Runs one statement (DDL, INSERT ... VALUES, ALTER, TRUNCATE, OPTIMIZE). */
    public void execute(String sql) {
        try (Connection connection = connection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new ClickHouseQueryException(sql, e);
        }
    }

    /** The rows of a query, each value as text (NULL as null). */
    public List<List<String>> query(String sql) {
        return queryTable(sql).rows();
    }

    /** The rows of a query together with its column names. */
    public ResultTable queryTable(String sql) {
        try (Connection connection = connection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            int width = meta.getColumnCount();
            List<String> columns = new ArrayList<>(width);
            for (int c = 1; c <= width; c++) {
                columns.add(meta.getColumnLabel(c));
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>(width);
                for (int c = 1; c <= width; c++) {
                    row.add(rs.getString(c));
                }
                rows.add(row);
            }
            return new ResultTable(columns, rows);
        } catch (SQLException e) {
            throw new ClickHouseQueryException(sql, e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public String queryValue(String sql) {
        List<List<String>> rows = query(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException(
                    "expected one value but got " + rows.size() + " rows from: " + sql);
        }
        return rows.get(0).get(0);
    }

    /** The single number of a one-row, one-column query, such as {@code SELECT count() ...}. */
    public long queryLong(String sql) {
        return Long.parseLong(queryValue(sql));
    }

    @Override
    public String toString() {
        return "ClickHouseJdbc[" + url + "]";
    }
}
