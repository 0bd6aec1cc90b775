package io.ringstream.routing.timeline;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a statement's parameters in the order its SQL text names them, so the text and the
 * values are built side by side and cannot drift apart.
 */
final class SqlParameters {
    private final List<Object> values = new ArrayList<>();

    SqlParameters add(Object value) {
        values.add(value);
        return this;
    }

    SqlParameters addAll(List<?> more) {
        values.addAll(more);
        return this;
    }

    /** Maps one result row to a timeline item (or any value). */
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Binds these parameters to {@code statement}, runs it and maps every row, in order. */
    <T> List<T> query(PreparedStatement statement, RowMapper<T> mapper) throws SQLException {
        bind(statement);
        List<T> out = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
        }
        return out;
    }

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof Long l) {
                statement.setLong(i + 1, l);
            } else if (value instanceof Integer n) {
                statement.setInt(i + 1, n);
            } else {
                statement.setString(i + 1, (String) value);
            }
        }
    }

    /**
     * The condition "(time, kind, id) strictly before the cursor" in newest-first order, over the
     * given column expressions (or aliases); {@code TRUE}-like {@code 1 = 1} without a cursor.
     * {@code collate} is appended to the text comparisons ({@code COLLATE "C"} in PostgreSQL, so
     * text compares by bytes as in ClickHouse and in {@link TimelineCursor}).
     */
    String before(TimelineCursor cursor, String time, String kind, String id, String collate) {
        if (cursor == null) {
            return "1 = 1";
        }
        add(cursor.timeMs()).add(cursor.timeMs()).add(cursor.kind()).add(cursor.kind());
        add(cursor.id());
        return "("
                + time
                + " < ? OR ("
                + time
                + " = ? AND ("
                + kind
                + collate
                + " < ? OR ("
                + kind
                + " = ? AND "
                + id
                + collate
                + " < ?))))";
    }
}
