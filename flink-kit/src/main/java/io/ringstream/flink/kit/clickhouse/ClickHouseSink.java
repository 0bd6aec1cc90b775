package io.ringstream.flink.kit.clickhouse;

import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.clickhouse.Table;
import io.ringstream.clickhouse.TableSpec;
import io.ringstream.flink.kit.runtime.JobConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * Writes a stream into a ClickHouse table in batches, because there is no Flink JDBC connector for
 * Flink 2.x and none that speaks to ClickHouse 18.16.
 *
 * <p>Delivery: at least once. Buffered rows are written when the batch is full, when the oldest
 * buffered row has waited {@code flushInterval}, and always before a checkpoint barrier passes (so
 * a completed checkpoint implies its rows are stored). A failed insert is retried with exponential
 * backoff; when the retries are exhausted the writer throws and the job restarts from its last
 * checkpoint, replaying the rows. Rows are never dropped silently. Rows replayed this way are
 * written twice: target tables must be ReplacingMergeTree with a deterministic sort key (event id,
 * or the interval key plus a version) and be read with FINAL, which makes the result effectively
 * exactly once. ClickHouse has no transactions, so {@link DeliveryGuarantee#EXACTLY_ONCE} is
 * rejected.
 */
public final class ClickHouseSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final Settings<T> settings;

    private ClickHouseSink(Settings<T> settings) {
        this.settings = settings;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /**
     * The sink of a registered table on a job's ClickHouse, as every job writes one: at least once
     * (flushed before each checkpoint barrier). Rows written again after a restore collapse under
     * {@code FINAL} where the table is {@link Table.Kind#REPLACING}; the spec's table says which.
     */
    public static <T> ClickHouseSink<T> of(TableSpec<T> spec, JobConfig<?> job) {
        return of(spec, job.clickHouseUrl(), job.sinkTuning(), job.clickHouseLogin());
    }

    /**
     * As {@link #of(TableSpec, JobConfig)}, on an explicit server and batching, without a password.
     */
    public static <T> ClickHouseSink<T> of(TableSpec<T> spec, String jdbcUrl, SinkTuning tuning) {
        return of(spec, jdbcUrl, tuning, ClickHouseLogin.NONE);
    }

    /** As {@link #of(TableSpec, JobConfig)}, on an explicit server, batching and login. */
    public static <T> ClickHouseSink<T> of(
            TableSpec<T> spec, String jdbcUrl, SinkTuning tuning, ClickHouseLogin login) {
        return ClickHouseSink.<T>builder()
                .jdbcUrl(jdbcUrl)
                .login(login)
                .table(spec.table().qualifiedName())
                .columns(spec.columns())
                .rowMapper(spec::row)
                .batchSize(tuning.batchSize())
                .flushInterval(tuning.flushInterval())
                .maxRetries(tuning.maxRetries())
                .deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new ClickHouseSinkWriter<>(
                settings,
                context.getProcessingTimeService(),
                context.metricGroup().getNumRecordsSendCounter(),
                ClickHouseSinkWriter.Pause.SLEEP);
    }

    Settings<T> settings() {
        return settings;
    }

    /**
     * The validated configuration, shipped to every writer. It names where the password is read
     * ({@code login}), never the password.
     */
    record Settings<T>(
            String jdbcUrl,
            ClickHouseLogin login,
            String table,
            List<String> columns,
            RowMapper<T> rowMapper,
            int batchSize,
            Duration flushInterval,
            int maxRetries,
            Duration initialBackoff,
            Duration maxBackoff,
            DeliveryGuarantee deliveryGuarantee)
            implements java.io.Serializable {

        String insertSql() {
            return "INSERT INTO "
                    + table
                    + " ("
                    + String.join(", ", columns)
                    + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(columns.size(), "?"))
                    + ")";
        }
    }

    /** Collects and validates the sink's settings; {@link #build()} fails fast on bad ones. */
    public static final class Builder<T> {
        private static final Pattern IDENTIFIER =
                Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

        private String jdbcUrl;
        private ClickHouseLogin login = ClickHouseLogin.NONE;
        private String table;
        private List<String> columns = List.of();
        private RowMapper<T> rowMapper;
        private int batchSize = 1_000;
        private Duration flushInterval = Duration.ofSeconds(1);
        private int maxRetries = 5;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private DeliveryGuarantee deliveryGuarantee = DeliveryGuarantee.AT_LEAST_ONCE;

        private Builder() {}

        /** A legacy-driver URL, e.g. {@code jdbc:clickhouse://127.0.0.1:8123/ringstream}. */
        public Builder<T> jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /**
         * Where each writer reads the ClickHouse user and password when it opens; default {@link
         * ClickHouseLogin#NONE}.
         */
        public Builder<T> login(ClickHouseLogin login) {
            this.login = login;
            return this;
        }

        /** {@code table} or {@code database.table}. */
        public Builder<T> table(String table) {
            this.table = table;
            return this;
        }

        public Builder<T> columns(String... columns) {
            return columns(List.of(columns));
        }

        public Builder<T> columns(List<String> columns) {
            this.columns = List.copyOf(columns);
            return this;
        }

        public Builder<T> rowMapper(RowMapper<T> rowMapper) {
            this.rowMapper = rowMapper;
            return this;
        }

        /** Rows per INSERT; a full batch is written at once. Default 1000. */
        public Builder<T> batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Longest time a buffered row waits for its batch to fill. Default 1 s. */
        public Builder<T> flushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
            return this;
        }

        /** Retries of a failed INSERT before the job fails; 0 disables retrying. Default 5. */
        public Builder<T> maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * First pause between attempts; it doubles up to {@code maxBackoff}. Default 200 ms/10 s.
         */
        public Builder<T> backoff(Duration initialBackoff, Duration maxBackoff) {
            this.initialBackoff = initialBackoff;
            this.maxBackoff = maxBackoff;
            return this;
        }

        /**
         * AT_LEAST_ONCE (default) flushes on every checkpoint; NONE only by size and time.
         * EXACTLY_ONCE is rejected: ClickHouse has no transactions to commit on checkpoint.
         */
        public Builder<T> deliveryGuarantee(DeliveryGuarantee deliveryGuarantee) {
            this.deliveryGuarantee = deliveryGuarantee;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public ClickHouseSink<T> build() {
            require(jdbcUrl != null && !jdbcUrl.isBlank(), "jdbcUrl is required");
            ClickHouseJdbc.requireNoPasswordIn(jdbcUrl);
            require(
                    jdbcUrl.startsWith("jdbc:clickhouse:"),
                    "jdbcUrl must start with jdbc:clickhouse: but was " + jdbcUrl);
            require(login != null, "login is required");
            require(table != null && !table.isBlank(), "table is required");
            require(
                    IDENTIFIER.matcher(table).matches(),
                    "table must be name or database.name but was '" + table + "'");
            require(!columns.isEmpty(), "columns must not be empty");
            for (String column : columns) {
                require(
                        column != null && IDENTIFIER.matcher(column).matches(),
                        "column '" + column + "' is not a plain column name");
            }
            require(
                    columns.stream().distinct().count() == columns.size(),
                    "columns must not repeat: " + columns);
            require(rowMapper != null, "rowMapper is required");
            require(batchSize > 0, "batchSize must be positive but was " + batchSize);
            require(
                    flushInterval != null && !flushInterval.isNegative() && !flushInterval.isZero(),
                    "flushInterval must be positive but was " + flushInterval);
            require(maxRetries >= 0, "maxRetries must not be negative but was " + maxRetries);
            require(
                    initialBackoff != null && !initialBackoff.isNegative(),
                    "initial backoff must not be negative but was " + initialBackoff);
            require(
                    maxBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
                    "max backoff must be >= the initial backoff but was " + maxBackoff);
            Objects.requireNonNull(deliveryGuarantee, "deliveryGuarantee");
            require(
                    deliveryGuarantee != DeliveryGuarantee.EXACTLY_ONCE,
                    "EXACTLY_ONCE is not supported: ClickHouse has no transactions. Use"
                            + " AT_LEAST_ONCE with a ReplacingMergeTree table keyed by a"
                            + " deterministic row id and read it with FINAL.");
            return new ClickHouseSink<>(
                    new Settings<>(
                            jdbcUrl,
                            login,
                            table,
                            columns,
                            rowMapper,
                            batchSize,
                            flushInterval,
                            maxRetries,
                            initialBackoff,
                            maxBackoff,
                            deliveryGuarantee));
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
