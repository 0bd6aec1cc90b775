package io.ringstream.flink.clickhouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** Conversions every row mapper shares, so all tables encode dates, times and maps alike. */
final class Rows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Rows() {}

    /** A Date column: the UTC calendar day, as ClickHouse's text format wants it. */
    static String date(long epochMillis) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, MILLIS_PER_DAY)).toString();
    }

    /** A DateTime column: epoch seconds, independent of the server's and the JVM's time zone. */
    static long dateTime(long epochMillis) {
        return Math.floorDiv(epochMillis, 1000L);
    }

    /** A String column that is not Nullable: absent values are empty. */
    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A JSON object column, keys sorted so equal maps give equal text. */
    static String json(Map<String, ?> map) {
        try {
            return JSON.writeValueAsString(map == null ? Map.of() : new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + map, e);
        }
    }
}
