package io.ringstream.flink.kit.clickhouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** Conversions every row mapper shares, so all tables encode dates, times and maps alike. */
public final class Rows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Rows() {}

    /** A Date column: the UTC calendar day, as ClickHouse's text format wants it. */
    public static String date(long epochMillis) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, MILLIS_PER_DAY)).toString();
    }

    /** A DateTime column: epoch seconds, independent of the server's and the JVM's time zone. */
    public static long dateTime(long epochMillis) {
        return Math.floorDiv(epochMillis, 1000L);
    }

    /** A String column that is not Nullable: absent values are empty. */
    public static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A JSON object column, keys sorted so equal maps give equal text. */
    public static String json(Map<String, ?> map) {
        try {
            return JSON.writeValueAsString(map == null ? Map.of() : new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + map, e);
        }
    }
}
