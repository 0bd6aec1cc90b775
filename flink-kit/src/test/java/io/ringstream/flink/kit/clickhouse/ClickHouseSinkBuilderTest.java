package io.ringstream.flink.kit.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

/** The sink fails fast on bad settings, before a job is submitted. */
class ClickHouseSinkBuilderTest {

    private static ClickHouseSink.Builder<String> valid() {
        return ClickHouseSink.<String>builder()
                .jdbcUrl("jdbc:clickhouse://127.0.0.1:8123/default")
                .table("ringstream.things")
                .columns("id", "name")
                .rowMapper(s -> new Object[] {s, s});
    }

    private static void assertRejected(
            UnaryOperator<ClickHouseSink.Builder<String>> change, String message) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void buildsTheInsertFromTableAndColumns() {
        ClickHouseSink<String> sink = valid().batchSize(10).build();

        assertThat(sink.settings().insertSql())
                .isEqualTo("INSERT INTO ringstream.things (id, name) VALUES (?, ?)");
        assertThat(sink.settings().deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void requiresAClickHouseUrl() {
        assertRejected(b -> b.jdbcUrl(null), "jdbcUrl is required");
        assertRejected(b -> b.jdbcUrl(" "), "jdbcUrl is required");
        assertRejected(b -> b.jdbcUrl("jdbc:postgresql://x/y"), "must start with jdbc:clickhouse:");
    }

    @Test
    void refusesAUrlCarryingAPasswordAndDefaultsToNoLogin() {
        String password = "pw-" + UUID.randomUUID();
        assertThatThrownBy(
                        () ->
                                valid().jdbcUrl(
                                                "jdbc:clickhouse://127.0.0.1:8123/default?password="
                                                        + password)
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RINGSTREAM_CLICKHOUSE_PASSWORD")
                .hasMessageNotContaining(password);
        assertRejected(b -> b.login(null), "login is required");
        assertThat(valid().build().settings().login()).isEqualTo(ClickHouseLogin.NONE);
        assertThat(valid().login(ClickHouseLogin.ENVIRONMENT).build().settings().login())
                .as("the settings name where the password is read, never the password")
                .isEqualTo(ClickHouseLogin.ENVIRONMENT);
    }

    @Test
    void requiresAPlainTableName() {
        assertRejected(b -> b.table(null), "table is required");
        assertRejected(b -> b.table("things; DROP TABLE x"), "table must be name or database.name");
    }

    @Test
    void requiresDistinctPlainColumns() {
        assertRejected(b -> b.columns(), "columns must not be empty");
        assertRejected(b -> b.columns("id", "na me"), "column 'na me'");
        assertRejected(b -> b.columns("id", "id"), "columns must not repeat");
    }

    @Test
    void requiresARowMapper() {
        assertRejected(b -> b.rowMapper(null), "rowMapper is required");
    }

    @Test
    void requiresPositiveSizesAndTimes() {
        assertRejected(b -> b.batchSize(0), "batchSize must be positive");
        assertRejected(b -> b.flushInterval(Duration.ZERO), "flushInterval must be positive");
        assertRejected(b -> b.flushInterval(null), "flushInterval must be positive");
        assertRejected(b -> b.maxRetries(-1), "maxRetries must not be negative");
        assertRejected(
                b -> b.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)),
                "max backoff must be >= the initial backoff");
    }

    @Test
    void rejectsExactlyOnceWithTheReason() {
        assertRejected(
                b -> b.deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE),
                "EXACTLY_ONCE is not supported: ClickHouse has no transactions");
    }
}
