package io.ringstream.clickhouse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A query result as text, the shape a shell prints and a test compares.
 *
 * @param columns the column names, in select order
 * @param rows each row's values rendered as ClickHouse's text format would; SQL NULL is null
 */
public record ResultTable(List<String> columns, List<List<String>> rows) {

    public ResultTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * Tab-separated lines, one per row, optionally preceded by the column names; NULL prints as
     * {@code \N} like clickhouse-client's TabSeparated format.
     */
    public String toTabSeparated(boolean withHeader) {
        StringBuilder out = new StringBuilder();
        if (withHeader) {
            out.append(String.join("\t", columns)).append('\n');
        }
        for (List<String> row : rows) {
            out.append(
                            row.stream()
                                    .map(v -> v == null ? "\\N" : escape(v))
                                    .collect(Collectors.joining("\t")))
                    .append('\n');
        }
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }
}
