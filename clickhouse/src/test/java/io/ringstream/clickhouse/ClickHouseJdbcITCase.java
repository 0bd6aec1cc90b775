package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC access point against a real 18.16 server: text rows, NULLs, forced-off compression. */
class ClickHouseJdbcITCase {
    @TempDir static Path dir;
    static LocalClickHouseServer server;

    @BeforeAll
    static void startServer() {
        server = LocalClickHouseServer.startOnFreePorts(dir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void readsRowsWithColumnNamesAndNulls() {
        ClickHouseJdbc jdbc = ClickHouseJdbc.connect("127.0.0.1", server.httpPort(), "default");

        ResultTable table =
                jdbc.queryTable(
                        "SELECT number AS n, if(number = 1, NULL, toString(number * 10)) AS s"
                                + " FROM system.numbers LIMIT 3");

        assertThat(table.columns()).containsExactly("n", "s");
        assertThat(table.rows())
                .containsExactly(List.of("0", "0"), Arrays.asList("1", null), List.of("2", "20"));
    }

    @Test
    void compressionStaysOffEvenWhenTheUrlAsksForIt() {
        // 18.16 answers compressed requests with an empty body; a forced-off flag keeps it working.
        ClickHouseJdbc jdbc =
                ClickHouseJdbc.connect(
                        "jdbc:clickhouse://127.0.0.1:"
                                + server.httpPort()
                                + "/default?compress=true");

        assertThat(
                        jdbc.queryLong(
                                "SELECT count() FROM (SELECT number FROM system.numbers LIMIT 1000)"))
                .isEqualTo(1000);
    }

    @Test
    void failuresCarryTheStatement() {
        ClickHouseJdbc jdbc = ClickHouseJdbc.connect("127.0.0.1", server.httpPort(), "default");

        assertThatThrownBy(() -> jdbc.execute("SELEKT 1"))
                .isInstanceOf(ClickHouseQueryException.class)
                .hasMessageContaining("SELEKT 1");
    }
}
