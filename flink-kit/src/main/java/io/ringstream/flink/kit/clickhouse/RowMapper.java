package io.ringstream.flink.kit.clickhouse;

import java.io.Serializable;

/**
 * Turns a stream element into one table row, values in the order of the sink's columns. Flink ships
 * it inside the sink, hence Serializable.
 */
@FunctionalInterface
public interface RowMapper<T> extends Serializable {
    /**
     * @return one value per column: String, Number, Boolean, or null for Nullable columns. Date
     *     columns take {@code "YYYY-MM-DD"}; DateTime columns take epoch seconds (a number is
     *     independent of the server's and the JVM's time zones).
     */
    Object[] toRow(T value);
}
