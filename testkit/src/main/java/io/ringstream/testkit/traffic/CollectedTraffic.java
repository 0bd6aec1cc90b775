package io.ringstream.testkit.traffic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Keeps every generated row in memory: for tests of the generator and for figures to expect. */
public final class CollectedTraffic implements TrafficSink {
    private final Map<TrafficTable, List<Object[]>> rows = new EnumMap<>(TrafficTable.class);

    @Override
    public void row(TrafficTable table, Object[] values) {
        rows.computeIfAbsent(table, t -> new ArrayList<>()).add(values);
    }

    public List<Object[]> rows(TrafficTable table) {
        return rows.getOrDefault(table, List.of());
    }

    /** The value of {@code column} in a row of {@code table}. */
    public static Object value(TrafficTable table, Object[] row, String column) {
        return row[table.index(column)];
    }

    /** Rows of {@code table} whose {@code column} equals {@code expected}. */
    public List<Object[]> where(TrafficTable table, String column, Object expected) {
        int i = table.index(column);
        return rows(table).stream().filter(r -> expected.equals(r[i])).toList();
    }
}
