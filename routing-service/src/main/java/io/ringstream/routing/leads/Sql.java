package io.ringstream.routing.leads;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from {@code timestamptz} columns without the JVM's time zone in between, and the
 * clock at PostgreSQL's precision (microseconds), so a record answered right after a write equals
 * the same record read back later.
 */
public final class Sql {
    private Sql() {}

    public static OffsetDateTime timestamp(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime at = rows.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** Now, truncated to what a timestamptz keeps. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code at} truncated to what a timestamptz keeps. */
    public static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
