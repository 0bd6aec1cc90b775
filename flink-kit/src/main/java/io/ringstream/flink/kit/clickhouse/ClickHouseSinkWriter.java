package io.ringstream.flink.kit.clickhouse;

import io.ringstream.clickhouse.ClickHouseJdbc;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows of one sink subtask and inserts them in batches; see {@link ClickHouseSink} for the
 * delivery contract. Everything runs on the task's mailbox thread (writes, timers, flushes), so the
 * buffer needs no locking.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);

    /** How the writer waits between attempts; tests replace it to act between attempts. */
    @FunctionalInterface
    interface Pause {
        Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

        void pause(Duration duration) throws InterruptedException;
    }

    private final ClickHouseSink.Settings<T> settings;
    private final ProcessingTimeService timeService;
    private final Counter rowsWritten;
    private final Pause pause;
    private final String insertSql;
    private final List<Object[]> buffer = new ArrayList<>();

    private ClickHouseJdbc jdbc;
    private Connection connection;
    private boolean flushTimerArmed;

    ClickHouseSinkWriter(
            ClickHouseSink.Settings<T> settings,
            ProcessingTimeService timeService,
            Counter rowsWritten,
            Pause pause) {
        this.settings = settings;
        this.timeService = timeService;
        this.rowsWritten = rowsWritten;
        this.pause = pause;
        this.insertSql = settings.insertSql();
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        Object[] row = settings.rowMapper().toRow(element);
        if (row == null || row.length != settings.columns().size()) {
            throw new IOException(
                    "row mapper of "
                            + settings.table()
                            + " returned "
                            + (row == null ? "null" : row.length + " values")
                            + " for "
                            + settings.columns().size()
                            + " columns");
        }
        buffer.add(row);
        if (buffer.size() >= settings.batchSize()) {
            flushBuffer();
        } else if (!flushTimerArmed) {
            flushTimerArmed = true;
            timeService.registerTimer(
                    timeService.getCurrentProcessingTime() + settings.flushInterval().toMillis(),
                    time -> {
                        flushTimerArmed = false;
                        flushBuffer();
                    });
        }
    }

    /** Called by Flink before each checkpoint barrier and at end of input. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        if (endOfInput || settings.deliveryGuarantee() != DeliveryGuarantee.NONE) {
            flushBuffer();
        }
    }

    /** Rows buffered but not yet written. */
    int buffered() {
        return buffer.size();
    }

    private void flushBuffer() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        Duration backoff = settings.initialBackoff();
        for (int attempt = 0; ; attempt++) {
            try {
                insert(buffer);
                rowsWritten.inc(buffer.size());
                buffer.clear();
                return;
            } catch (SQLException | RuntimeException e) {
                closeConnection();
                if (attempt >= settings.maxRetries()) {
                    throw new IOException(
                            "Giving up writing "
                                    + buffer.size()
                                    + " rows to "
                                    + settings.table()
                                    + " after "
                                    + (attempt + 1)
                                    + " attempts; the job fails and replays from its last"
                                    + " checkpoint",
                            e);
                }
                LOG.warn(
                        "Insert of {} rows into {} failed (attempt {} of {}), retrying in {}: {}",
                        buffer.size(),
                        settings.table(),
                        attempt + 1,
                        settings.maxRetries() + 1,
                        backoff,
                        e.toString());
                pause.pause(backoff);
                backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
            }
        }
    }

    private void insert(List<Object[]> rows) throws SQLException {
        if (connection == null) {
            if (jdbc == null) {
                // Read here, on the task manager: the password never rides in the settings.
                jdbc = ClickHouseJdbc.connect(settings.jdbcUrl(), settings.login().credentials());
            }
            connection = jdbc.connection();
        }
        try (PreparedStatement statement = connection.prepareStatement(insertSql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] == null) {
                        statement.setNull(i + 1, Types.NULL);
                    } else {
                        statement.setObject(i + 1, row[i]);
                    }
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing a failed ClickHouse connection", e);
            }
            connection = null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Unwritten rows are not flushed here: after a failure they must come from the replay. */
    @Override
    public void close() {
        closeConnection();
    }
}
