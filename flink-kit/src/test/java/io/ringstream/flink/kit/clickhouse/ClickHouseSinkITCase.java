package io.ringstream.flink.kit.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.clickhouse.TableSpec;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink's batching, flushing and retrying against a real clickhouse-server. */
class ClickHouseSinkITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

    /** A row of the test table. */
    public record Item(String id, long number, Long optional, long epochMillis) {}

    private static final long AT = Instant.parse("2024-03-01T23:59:58.500Z").toEpochMilli();

    private String table;
    private final TestProcessingTimeService time = new TestProcessingTimeService();
    private final SimpleCounter written = new SimpleCounter();
    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void newTableName() {
        table = "ringstream.sink_it_" + UUID.randomUUID().toString().replace("-", "");
    }

    private void createTable() {
        CLICKHOUSE.execute(
                "CREATE TABLE "
                        + table
                        + " (id String, number Int64, optional Nullable(Int64), day Date,"
                        + " at DateTime, at_ms UInt64) ENGINE = MergeTree ORDER BY id");
    }

    private ClickHouseSink.Builder<Item> sink() {
        return ClickHouseSink.<Item>builder()
                .jdbcUrl(CLICKHOUSE.jdbcUrl())
                .table(table)
                .columns("id", "number", "optional", "day", "at", "at_ms")
                .rowMapper(
                        item ->
                                new Object[] {
                                    item.id(),
                                    item.number(),
                                    item.optional(),
                                    TableSpec.date(item.epochMillis()),
                                    TableSpec.dateTime(item.epochMillis()),
                                    item.epochMillis()
                                });
    }

    private ClickHouseSinkWriter<Item> writer(ClickHouseSink<Item> sink) {
        return writer(sink, pauses::add);
    }

    private ClickHouseSinkWriter<Item> writer(
            ClickHouseSink<Item> sink, ClickHouseSinkWriter.Pause pause) {
        return new ClickHouseSinkWriter<>(sink.settings(), time, written, pause);
    }

    private long rows() {
        return CLICKHOUSE.queryLong("SELECT count() FROM " + table);
    }

    private static Item item(int i) {
        return new Item("id-" + i, i, null, AT);
    }

    @Test
    void writesFullBatchesAtOnceAndTheRestOnFlush() throws Exception {
        createTable();
        ClickHouseSinkWriter<Item> writer =
                writer(sink().batchSize(3).flushInterval(Duration.ofHours(1)).build());

        for (int i = 0; i < 7; i++) {
            writer.write(item(i), null);
        }
        assertThat(rows()).isEqualTo(6);
        assertThat(writer.buffered()).isEqualTo(1);

        writer.flush(false);
        assertThat(rows()).isEqualTo(7);
        assertThat(written.getCount()).isEqualTo(7);
        writer.close();
    }

    @Test
    void writesAPartialBatchOnceTheFlushIntervalHasPassed() throws Exception {
        createTable();
        time.setCurrentTime(10_000);
        ClickHouseSinkWriter<Item> writer =
                writer(sink().batchSize(1_000).flushInterval(Duration.ofMillis(500)).build());

        writer.write(item(1), null);
        writer.write(item(2), null);
        time.setCurrentTime(10_499);
        assertThat(rows()).isZero();

        time.setCurrentTime(10_500);
        assertThat(rows()).isEqualTo(2);
        assertThat(time.getNumActiveTimers()).isZero();

        // The next row arms a new timer.
        writer.write(item(3), null);
        time.setCurrentTime(11_000);
        assertThat(rows()).isEqualTo(3);
        writer.close();
    }

    @Test
    void storesValuesExactly() throws Exception {
        createTable();
        ClickHouseSinkWriter<Item> writer = writer(sink().build());
        String tricky = "tab\there, newline\nthere, 'quote', back\\slash, ünïcode ☎";

        writer.write(new Item(tricky, -42, 7L, AT), null);
        writer.write(new Item("nulls", 0, null, AT), null);
        writer.flush(true);

        assertThat(
                        CLICKHOUSE.query(
                                "SELECT id, number, optional, toString(day), toUInt32(at), at_ms"
                                        + " FROM "
                                        + table
                                        + " ORDER BY number"))
                .containsExactly(
                        List.of(
                                tricky,
                                "-42",
                                "7",
                                "2024-03-01",
                                Long.toString(AT / 1000),
                                Long.toString(AT)),
                        java.util.Arrays.asList(
                                "nulls",
                                "0",
                                null,
                                "2024-03-01",
                                Long.toString(AT / 1000),
                                Long.toString(AT)));
        writer.close();
    }

    @Test
    void retriesAFailedInsertWithBackoffUntilItSucceeds() throws Exception {
        // The table does not exist yet: the first attempt fails on the server.
        ClickHouseSinkWriter<Item> writer =
                writer(
                        sink().batchSize(2)
                                .maxRetries(3)
                                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                                .build(),
                        pause -> {
                            pauses.add(pause);
                            if (pauses.size() == 2) {
                                createTable();
                            }
                        });

        writer.write(item(1), null);
        writer.write(item(2), null);

        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(rows()).isEqualTo(2);
        assertThat(writer.buffered()).isZero();
        writer.close();
    }

    @Test
    void failsTheJobAfterTheLastRetryAndKeepsTheRows() throws Exception {
        ClickHouseSinkWriter<Item> writer =
                writer(
                        sink().batchSize(1)
                                .maxRetries(3)
                                .backoff(Duration.ofMillis(100), Duration.ofMillis(250))
                                .build());

        assertThatThrownBy(() -> writer.write(item(1), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Giving up writing 1 rows to " + table + " after 4 attempts")
                .hasRootCauseMessage(rootCauseOfMissingTable());
        assertThat(pauses)
                .containsExactly(
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
        // Not dropped: a later flush (after a restart, from the replay) would write it.
        assertThat(writer.buffered()).isEqualTo(1);
        writer.close();
    }

    private String rootCauseOfMissingTable() {
        try {
            CLICKHOUSE.execute("INSERT INTO " + table + " (id) VALUES ('x')");
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage();
        }
        throw new AssertionError(table + " unexpectedly exists");
    }

    @Test
    void aFlinkJobWritesEveryRowThroughTheSink() throws Exception {
        createTable();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<Item> items = IntStream.range(0, 1_000).mapToObj(ClickHouseSinkITCase::item).toList();

        env.fromData(items).sinkTo(sink().batchSize(64).build());
        env.execute("clickhouse-sink-it");

        assertThat(rows()).isEqualTo(1_000);
        assertThat(CLICKHOUSE.queryLong("SELECT uniqExact(id) FROM " + table)).isEqualTo(1_000);
    }
}
