package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each column kind encodes its value the way ClickHouse 18.16 takes it over JDBC. */
class TableSpecTest {
    private static final long AT = Instant.parse("2024-03-01T23:59:59.250Z").toEpochMilli();

    enum Colour {
        RED
    }

    record Thing(String id, Colour colour, String note, long at, boolean done, Map<String, ?> tags)
            implements java.io.Serializable {}

    private static final TableSpec<Thing> SPEC =
            TableSpec.<Thing>of(Table.DEAD_LETTERS)
                    .column("id", Thing::id)
                    .text("colour", Thing::colour)
                    .text("note", Thing::note)
                    .eventTime("seen", Thing::at)
                    .flag("done", Thing::done)
                    .json("tags", Thing::tags)
                    .build();

    @Test
    void dateTimesAreTenDigitsWithinTheTypesRange() {
        assertThat(TableSpec.dateTime(1_000)).isEqualTo("0000000001");
        assertThat(TableSpec.dateTime(1_767_225_600_999L)).isEqualTo("1767225600");
        assertThat(TableSpec.dateTime(-5_000)).isEqualTo("0000000000");
        assertThat(TableSpec.dateTime(Long.MAX_VALUE)).isEqualTo("4294967295");
    }

    @Test
    void columnsEncodeDatesTimesTextFlagsAndJson() {
        Map<String, Object> row =
                SPEC.namedRow(new Thing("t1", Colour.RED, null, AT, true, Map.of("b", 2, "a", 1)));

        assertThat(row)
                .containsExactly(
                        Map.entry("id", "t1"),
                        Map.entry("colour", "RED"),
                        Map.entry("note", ""),
                        Map.entry("seen_date", "2024-03-01"),
                        Map.entry("seen_time", String.valueOf(AT / 1000)),
                        Map.entry("seen_time_ms", AT),
                        Map.entry("done", 1),
                        Map.entry("tags", "{\"a\":1,\"b\":2}"));
        // Before 1970 a DateTime (UInt32) holds its first second; the millis column keeps -1.
        assertThat(SPEC.row(new Thing("t2", null, "n", -1, false, null)))
                .containsExactly("t2", "", "n", "1969-12-31", "0000000000", -1L, 0, "{}");
    }

    @Test
    void aSpecSurvivesJavaSerializationAsFlinkShipsIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(SPEC);
        }
        @SuppressWarnings("unchecked")
        TableSpec<Thing> copy =
                (TableSpec<Thing>)
                        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))
                                .readObject();

        assertThat(copy.row(new Thing("t1", Colour.RED, "x", AT, false, Map.of())))
                .containsExactly(SPEC.row(new Thing("t1", Colour.RED, "x", AT, false, Map.of())));
        assertThat(copy.table()).isEqualTo(Table.DEAD_LETTERS);
    }

    @Test
    void repeatedColumnsAndViewsAreRefused() {
        assertThatThrownBy(
                        () ->
                                TableSpec.<Thing>of(Table.DEAD_LETTERS)
                                        .column("id", Thing::id)
                                        .column("id", Thing::id)
                                        .build())
                .hasMessageContaining("repeats a column");
        assertThatThrownBy(() -> TableSpec.of(Table.CONTACT_KPI_FACTS))
                .hasMessageContaining("is a view");
    }
}
