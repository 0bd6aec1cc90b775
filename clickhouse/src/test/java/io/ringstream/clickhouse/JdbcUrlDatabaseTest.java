package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Jobs migrate through the server behind their JDBC URL, via its {@code default} database. */
class JdbcUrlDatabaseTest {

    @Test
    void migrationsConnectToTheDefaultDatabaseKeepingParameters() {
        assertThat(
                        ClickHouseMigrator.withDatabase(
                                "jdbc:clickhouse://ch:8123/ringstream?compress=false", "default"))
                .isEqualTo("jdbc:clickhouse://ch:8123/default?compress=false");
        assertThat(ClickHouseMigrator.withDatabase("jdbc:clickhouse://ch:8123", "default"))
                .isEqualTo("jdbc:clickhouse://ch:8123/default");
        assertThatThrownBy(() -> ClickHouseMigrator.withDatabase("ch:8123", "default"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void migrationsWaitLongerThanTheDriverDefaultForABackfillUnlessTheUrlSays() {
        assertThat(
                        ClickHouseMigrator.withStatementTimeout(
                                "jdbc:clickhouse://ch:8123/default?compress=false"))
                .isEqualTo(
                        "jdbc:clickhouse://ch:8123/default?compress=false&socket_timeout=1800000");
        assertThat(ClickHouseMigrator.withStatementTimeout("jdbc:clickhouse://ch:8123/default"))
                .isEqualTo("jdbc:clickhouse://ch:8123/default?socket_timeout=1800000");
        assertThat(
                        ClickHouseMigrator.withStatementTimeout(
                                "jdbc:clickhouse://ch:8123/default?socket_timeout=5000"))
                .isEqualTo("jdbc:clickhouse://ch:8123/default?socket_timeout=5000");
    }
}
