package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Compression must be off in every URL we hand the legacy driver, or 18.16 answers with empty
 * bodies.
 */
class ClickHouseJdbcTest {

    @Test
    void compressionIsForcedOffInEveryUrl() {
        assertThat(ClickHouseJdbc.withoutCompression("jdbc:clickhouse://h:1/db"))
                .isEqualTo("jdbc:clickhouse://h:1/db?compress=false");
        assertThat(
                        ClickHouseJdbc.withoutCompression(
                                "jdbc:clickhouse://h:1/db?compress=true&socket_timeout=5&decompress=1"))
                .isEqualTo("jdbc:clickhouse://h:1/db?socket_timeout=5&compress=false");
        assertThat(ClickHouseJdbc.jdbcUrl("h", 1, "db"))
                .isEqualTo("jdbc:clickhouse://h:1/db?compress=false");
    }
}
