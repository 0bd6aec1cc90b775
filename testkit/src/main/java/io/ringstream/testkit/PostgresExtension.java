package io.ringstream.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a real PostgreSQL server and a fresh, empty database of their own. One
 * server serves the whole test JVM (started on first use, stopped when JUnit closes its root
 * store); each test class gets its own database on it, so classes cannot see each other's tables
 * and a schema migration runs on a clean slate.
 *
 * <p>Register it as a static field: {@code @RegisterExtension static final PostgresExtension
 * POSTGRES = new PostgresExtension();}, or with {@code @ExtendWith} and take a {@code
 * PostgresExtension} test-method parameter.
 *
 * <p><b>Isolation.</b> Each extension instance has its database: a static field's serves its class,
 * an instance field's each test. Tests of one class share its database; nothing is cleared between
 * them. Use unique ids, or {@link #createDatabase()} for a database of a test's own.
 */
public final class PostgresExtension
        implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private volatile PostgresSharedServer postgres;
    private volatile String database;

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // Registered as an instance field: beforeAll did not run for it.
        start(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresExtension.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        start(context);
        return this;
    }

    /** JDBC URL of this test class's database. */
    public String jdbcUrl() {
        return shared().server().jdbcUrl(database());
    }

    /** The name of this test class's database. */
    public String database() {
        shared();
        return database;
    }

    public int port() {
        return shared().server().port();
    }

    /** The superuser; it owns every database the extension creates. */
    public String user() {
        return shared().server().user();
    }

    public String password() {
        return shared().server().password();
    }

    /** A new connection to this test class's database; the caller closes it. */
    public Connection connect() {
        try {
            return java.sql.DriverManager.getConnection(jdbcUrl(), user(), password());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + jdbcUrl(), e);
        }
    }

    /** Runs one statement (DDL or DML) on this test class's database. */
    public void execute(String sql) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql, e);
        }
    }

    /** Rows of a query, values as text (NULL as null). */
    public List<List<String>> query(String sql) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<List<String>> result = new ArrayList<>();
            while (rows.next()) {
                List<String> row = new ArrayList<>(meta.getColumnCount());
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql, e);
        }
    }

    /** The single number a query such as {@code SELECT count(*) ...} returns. */
    public long queryLong(String sql) {
        List<List<String>> rows = query(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("expected one value, got " + rows + " from: " + sql);
        }
        return Long.parseLong(rows.get(0).get(0));
    }

    /**
     * A new empty database on the shared server, for a test that needs one of its own.
     *
     * @return its JDBC URL
     */
    public String createDatabase() {
        String name = "test_" + DATABASES.incrementAndGet();
        shared().server().createDatabase(name);
        return shared().server().jdbcUrl(name);
    }

    private synchronized void start(ExtensionContext context) {
        if (postgres != null) {
            return;
        }
        PostgresSharedServer server =
                context.getRoot()
                        .getStore(NAMESPACE)
                        .getOrComputeIfAbsent(
                                PostgresSharedServer.class,
                                k -> PostgresSharedServer.jvmWide(),
                                PostgresSharedServer.class);
        String name = databaseName(context);
        server.server().createDatabase(name);
        database = name;
        postgres = server;
    }

    /** {@code test_<n>_<class>}: unique in the JVM, and readable in the server's log. */
    private static String databaseName(ExtensionContext context) {
        String owner =
                context.getTestClass()
                        .map(Class::getSimpleName)
                        .orElse("tests")
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9_]", "_");
        String name = "test_" + DATABASES.incrementAndGet() + "_" + owner;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private PostgresSharedServer shared() {
        PostgresSharedServer current = postgres;
        if (current == null) {
            throw new IllegalStateException(
                    "PostgresExtension is not started: register it with @RegisterExtension");
        }
        return current;
    }
}
