package io.ringstream.clickhouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A table as a writer fills it: the registry entry and, column by column, how a value of {@code T}
 * becomes that column's value. Pairing each column with its extractor means a row cannot drift from
 * the column list, and adding a column is one line here plus its migration. Serializable: Flink
 * ships the spec inside the sink.
 *
 * <p>Values follow what ClickHouse 18.16 accepts over JDBC: Date columns take {@code YYYY-MM-DD},
 * DateTime columns take epoch seconds (independent of the server's and the JVM's time zones),
 * String columns that are not Nullable take {@code ""} for absent values.
 *
 * @param <T> the stream element one row is made of
 */
public final class TableSpec<T> implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final Table table;
    private final List<Column<T>> columns;

    private TableSpec(Table table, List<Column<T>> columns) {
        this.table = table;
        this.columns = List.copyOf(columns);
    }

    /** Starts the spec of a registered table. */
    public static <T> Builder<T> of(Table table) {
        if (!table.kind().writable()) {
            throw new IllegalArgumentException(table + " is a view; nothing writes to it");
        }
        return new Builder<>(table);
    }

    public Table table() {
        return table;
    }

    /** Column names, in the order {@link #row} fills them. */
    public List<String> columns() {
        return columns.stream().map(Column::name).toList();
    }

    /** One value per column, in {@link #columns()} order. */
    public Object[] row(T value) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = columns.get(i).value().apply(value);
        }
        return row;
    }

    /** The row as column name to value, in column order: for tests and diagnostics. */
    public Map<String, Object> namedRow(T value) {
        Object[] row = row(value);
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            named.put(columns.get(i).name(), row[i]);
        }
        return named;
    }

    /** Reads one column's value from an element; Serializable so Flink can ship it. */
    @FunctionalInterface
    public interface Value<T, V> extends Function<T, V>, Serializable {}

    private record Column<T>(String name, Value<T, Object> value) implements Serializable {}

    /** Adds columns in the table's order; {@link #build()} rejects a repeated column. */
    public static final class Builder<T> {
        private final Table table;
        private final List<Column<T>> columns = new ArrayList<>();

        private Builder(Table table) {
            this.table = table;
        }

        /** A column taken as it is: numbers, text, or null for a Nullable column. */
        public Builder<T> column(String name, Value<T, ?> value) {
            Objects.requireNonNull(value, name);
            columns.add(new Column<>(name, value::apply));
            return this;
        }

        /** A String column that is not Nullable: null becomes {@code ""}, enums their name. */
        public Builder<T> text(String name, Value<T, ?> value) {
            return column(name, v -> TableSpec.text(value.apply(v)));
        }

        /** A Date column from epoch millis: the UTC day. */
        public Builder<T> date(String name, Value<T, Long> epochMillis) {
            return column(name, v -> TableSpec.date(epochMillis.apply(v)));
        }

        /** A DateTime column from epoch millis: epoch seconds. */
        public Builder<T> dateTime(String name, Value<T, Long> epochMillis) {
            return column(name, v -> TableSpec.dateTime(epochMillis.apply(v)));
        }

        /** A UInt8 column from a boolean. */
        public Builder<T> flag(String name, Value<T, Boolean> value) {
            return column(name, v -> Boolean.TRUE.equals(value.apply(v)) ? 1 : 0);
        }

        /** A String column holding a JSON object, keys sorted so equal maps give equal text. */
        public Builder<T> json(String name, Value<T, Map<String, ?>> value) {
            return column(name, v -> TableSpec.json(value.apply(v)));
        }

        /**
         * The usual three event-time columns: {@code <prefix>_date} (Date), {@code <prefix>_time}
         * (DateTime) and {@code <prefix>_time_ms} (UInt64, the millis), e.g. {@code event_date,
         * event_time, event_time_ms}.
         */
        public Builder<T> eventTime(String prefix, Value<T, Long> epochMillis) {
            return date(prefix + "_date", epochMillis)
                    .dateTime(prefix + "_time", epochMillis)
                    .column(prefix + "_time_ms", epochMillis);
        }

        public TableSpec<T> build() {
            List<String> names = columns.stream().map(Column::name).toList();
            if (names.isEmpty()) {
                throw new IllegalArgumentException(table + " spec has no columns");
            }
            if (names.stream().distinct().count() != names.size()) {
                throw new IllegalArgumentException(table + " spec repeats a column: " + names);
            }
            return new TableSpec<>(table, columns);
        }
    }

    /** A Date column's value: the UTC calendar day, as ClickHouse's text format wants it. */
    public static String date(long epochMillis) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, MILLIS_PER_DAY)).toString();
    }

    /** The latest second a DateTime (UInt32) holds: 2106-02-07T06:28:15Z. */
    private static final long MAX_DATE_TIME_SECONDS = 4_294_967_295L;

    /**
     * A DateTime column's value: epoch seconds as ten digits, zero-padded, within the type's range
     * (earlier times are 1970-01-01T00:00:00, later ones its last second). The padding matters:
     * ClickHouse reads a DateTime field of the text format as {@code YYYY-MM-DD hh:mm:ss} unless
     * its fifth character is a digit, so an unpadded time in the first 10,000 seconds of 1970 ("1")
     * fails the whole batch, and a sink that retries it would fail its job forever.
     */
    public static String dateTime(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        return String.format(
                java.util.Locale.ROOT,
                "%010d",
                Math.max(0, Math.min(MAX_DATE_TIME_SECONDS, seconds)));
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof Enum<?> e ? e.name() : value.toString();
    }

    static String json(Map<String, ?> map) {
        try {
            return Json.MAPPER.writeValueAsString(map == null ? Map.of() : new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + map, e);
        }
    }

    /** Jackson's mapper is not Serializable; the spec reaches it through this holder. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
