package io.ringstream.clickhouse;

import java.sql.SQLException;

/** A failed statement, unchecked and carrying the SQL, so callers see what was sent. */
public final class ClickHouseQueryException extends RuntimeException {
    private final String sql;

    public ClickHouseQueryException(String sql, SQLException cause) {
        super("ClickHouse rejected: " + abbreviate(sql) + " -> " + cause.getMessage(), cause);
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
