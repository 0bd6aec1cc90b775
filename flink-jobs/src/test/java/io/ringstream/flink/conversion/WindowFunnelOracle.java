package io.ringstream.flink.conversion;

import io.ringstream.analytics.funnel.FunnelTracker;
import io.ringstream.analytics.funnel.StepMatcher;
import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.clickhouse.Table;
import io.ringstream.clickhouse.TableSpec;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.EventKind;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.FunnelDefinition.Step;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.flink.archive.ArchiveTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * ClickHouse 18.16's windowFunnel over the raw {@code business_events} and {@code contact_events}
 * rows, the independent oracle for the funnel tracker and the conversion job: the step conditions
 * are built from a {@link FunnelDefinition} with {@link StepMatcher}'s rules, the window in seconds
 * (the rows' event times are whole seconds), and each customer's rows are fed in the tie order the
 * tracker and the job use, (time, event id), through a single-threaded ordered subquery.
 */
final class WindowFunnelOracle {
    private static final int BATCH = 5_000;

    private WindowFunnelOracle() {}

    /** Writes the raw rows as the archive job does (its table specs). */
    static void insertRaw(ClickHouseJdbc jdbc, FunnelDataSet data) {
        insert(jdbc, ArchiveTables.BUSINESS_EVENTS, data.businessEvents());
        insert(jdbc, ArchiveTables.CONTACT_EVENTS, data.contactEvents());
    }

    static <T> void insert(ClickHouseJdbc jdbc, TableSpec<T> spec, List<T> rows) {
        String sql =
                "INSERT INTO "
                        + spec.table().qualifiedName()
                        + " ("
                        + String.join(", ", spec.columns())
                        + ") VALUES ("
                        + spec.columns().stream().map(c -> "?").collect(Collectors.joining(", "))
                        + ")";
        try (Connection connection = jdbc.connection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int pending = 0;
            for (T value : rows) {
                Object[] row = spec.row(value);
                for (int i = 0; i < row.length; i++) {
                    if (row[i] == null) {
                        statement.setNull(i + 1, Types.NULL);
                    } else {
                        statement.setObject(i + 1, row[i]);
                    }
                }
                statement.addBatch();
                if (++pending == BATCH) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert into " + spec.table(), e);
        }
    }

    /**
     * windowFunnel's level per customer of {@code tenant} (customers without a row: absent),
     * leaving out the events in {@code excluded}.
     */
    static Map<String, Integer> levels(
            ClickHouseJdbc jdbc,
            String tenant,
            FunnelDefinition funnel,
            Collection<String> excluded) {
        Map<String, Integer> levels = new HashMap<>();
        for (List<String> row : jdbc.query(sql(tenant, funnel, excluded))) {
            levels.put(row.get(0), Integer.parseInt(row.get(1)));
        }
        return levels;
    }

    /** The query: visible in failure messages, so a disagreement can be rerun by hand. */
    static String sql(String tenant, FunnelDefinition funnel, Collection<String> excluded) {
        if (funnel.orderMode() != OrderMode.ORDERED) {
            throw new IllegalArgumentException(
                    "windowFunnel on 18.16 has no mode: only ORDERED funnels have this oracle");
        }
        if (funnel.windowMillis() % 1000 != 0) {
            throw new IllegalArgumentException("the window must be whole seconds");
        }
        String conditions =
                funnel.steps().stream()
                        .map(WindowFunnelOracle::condition)
                        .collect(Collectors.joining(", "));
        String leftOut =
                excluded.isEmpty()
                        ? ""
                        : " AND event_id NOT IN ("
                                + excluded.stream()
                                        .map(WindowFunnelOracle::quote)
                                        .collect(Collectors.joining(", "))
                                + ")";
        return "SELECT customer_id, windowFunnel("
                + funnel.windowMillis() / 1000
                + ")(t, "
                + conditions
                + ") AS level FROM ("
                + " SELECT * FROM ("
                + "  SELECT customer_id, toUInt32(event_time) AS t, event_id,"
                + "   'BUSINESS' AS kind, type, stage, attributes FROM "
                + Table.BUSINESS_EVENTS.qualifiedName()
                + "  WHERE tenant = "
                + quote(tenant)
                + leftOut
                + "  UNION ALL"
                + "  SELECT customer_id, toUInt32(event_time) AS t, event_id,"
                + "   'CONTACT' AS kind, type, '' AS stage, attributes FROM "
                + Table.CONTACT_EVENTS.qualifiedName()
                + "  WHERE tenant = "
                + quote(tenant)
                + " AND customer_id != ''"
                + leftOut
                + " ) ORDER BY customer_id, t, event_id"
                + ") GROUP BY customer_id"
                + " SETTINGS max_threads = 1";
    }

    /**
     * One step as a row condition, as {@link StepMatcher#matches(Step, RingstreamEvent)} reads it:
     * kind, type name, the stage when set, and each attribute present with exactly that value.
     */
    static String condition(Step step) {
        StringBuilder c =
                new StringBuilder("(kind = ")
                        .append(quote(step.kind().name()))
                        .append(" AND type = ")
                        .append(quote(step.eventType()));
        if (step.stage() != null) {
            if (step.kind() != EventKind.BUSINESS) {
                throw new IllegalArgumentException("a stage is for business steps");
            }
            c.append(" AND stage = ").append(quote(step.stage()));
        }
        for (Map.Entry<String, String> filter : new TreeMap<>(step.attributes()).entrySet()) {
            String name = quote(filter.getKey());
            c.append(" AND visitParamHas(attributes, ")
                    .append(name)
                    .append(") AND visitParamExtractString(attributes, ")
                    .append(name)
                    .append(") = ")
                    .append(quote(filter.getValue()));
        }
        return c.append(")").toString();
    }

    static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The tracker's furthest step over all episodes, fed the events in the given order. */
    static int trackerLevel(
            FunnelDefinition funnel, String customer, List<? extends RingstreamEvent> events) {
        FunnelTracker tracker = new FunnelTracker(funnel, customer);
        int best = 0;
        for (RingstreamEvent e : events) {
            for (var progress : tracker.apply(e)) {
                best = Math.max(best, progress.stepsReached());
            }
        }
        return best;
    }
}
