package io.ringstream.testkit;

import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.clickhouse.Table;
import io.ringstream.clickhouse.TableSpec;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a real clickhouse-server with the {@code ringstream} schema migrated. One
 * server serves the whole test JVM (started on first use, stopped when JUnit closes its root
 * store): start-up is fast, but sharing keeps CI from paying it, and the shutdown, per class.
 *
 * <p>Register it as a static field: {@code @RegisterExtension static final ClickHouseExtension
 * CLICKHOUSE = new ClickHouseExtension();}, or with {@code @ExtendWith} and take a {@code
 * ClickHouseExtension} or {@link ClickHouseJdbc} test-method parameter.
 *
 * <p><b>Isolation.</b> Tests share the server and its tables. Nothing is cleared automatically:
 * call {@link #truncateAll()} (e.g. in {@code @BeforeEach}) when a test needs empty tables, or use
 * unique tenants / queues / ids so tests cannot see each other's rows.
 */
public final class ClickHouseExtension
        implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ClickHouseExtension.class);

    private volatile ClickHouseSharedServer clickhouse;

    @Override
    public void beforeAll(ExtensionContext context) {
        clickhouse =
                context.getRoot()
                        .getStore(NAMESPACE)
                        .getOrComputeIfAbsent(
                                ClickHouseSharedServer.class,
                                k -> ClickHouseSharedServer.start(),
                                ClickHouseSharedServer.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (clickhouse == null) {
            // Registered as an instance field: beforeAll did not run for it.
            beforeAll(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ClickHouseExtension.class || type == ClickHouseJdbc.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (clickhouse == null) {
            beforeAll(context);
        }
        return parameter.getParameter().getType() == ClickHouseJdbc.class ? jdbc() : this;
    }

    /** JDBC URL of the {@code ringstream} database (legacy driver, compression off). */
    public String jdbcUrl() {
        return shared().server().jdbcUrl();
    }

    public int httpPort() {
        return shared().server().httpPort();
    }

    public int tcpPort() {
        return shared().server().tcpPort();
    }

    /** A JDBC access point on the {@code ringstream} database. */
    public ClickHouseJdbc jdbc() {
        return shared().jdbc();
    }

    /** Rows of a query, values as text (NULL as null). */
    public List<List<String>> query(String sql) {
        return jdbc().query(sql);
    }

    /** The single number a query such as {@code SELECT count() ...} returns. */
    public long queryLong(String sql) {
        return jdbc().queryLong(sql);
    }

    public void execute(String sql) {
        jdbc().execute(sql);
    }

    /**
     * Fails unless each spec writes exactly its migrated table's columns, in their order, so a spec
     * and its migration cannot drift apart.
     */
    public void assertMatchesSchema(TableSpec<?>... specs) {
        for (TableSpec<?> spec : specs) {
            List<String> migrated = columnsOf(spec.table());
            if (!migrated.equals(spec.columns())) {
                throw new AssertionError(
                        spec.table()
                                + ": the spec writes "
                                + spec.columns()
                                + " but the migrations declare "
                                + migrated);
            }
        }
    }

    /** A table's column names, in the order the migrations declared them. */
    public List<String> columnsOf(Table table) {
        // DESCRIBE keeps the declaration order on 18.16, whose system.columns has no position.
        return query("DESCRIBE TABLE " + table.qualifiedName()).stream()
                .map(row -> row.get(0))
                .toList();
    }

    /**
     * Empties every table of the {@code ringstream} database except the migration history,
     * including tables added by later migrations and the storage of materialized views.
     */
    public void truncateAll() {
        List<List<String>> tables =
                query(
                        "SELECT name FROM system.tables WHERE database = '"
                                + Table.DATABASE
                                + "' AND name != '"
                                + Table.SCHEMA_MIGRATIONS.tableName()
                                + "'"
                                + " AND (engine LIKE '%MergeTree' OR engine IN"
                                + " ('Memory', 'Log', 'TinyLog', 'StripeLog'))");
        for (List<String> table : tables) {
            execute("TRUNCATE TABLE " + Table.DATABASE + ".`" + table.get(0) + "`");
        }
    }

    private ClickHouseSharedServer shared() {
        ClickHouseSharedServer current = clickhouse;
        if (current == null) {
            throw new IllegalStateException(
                    "ClickHouseExtension is not started: register it with @RegisterExtension");
        }
        return current;
    }
}
