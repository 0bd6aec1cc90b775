package io.ringstream.routing.supervisor;

import io.ringstream.clickhouse.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads today's per-queue counters from {@code queue_kpis}, the one source of queue figures, which
 * the service-level job keeps up to date; FINAL collapses each interval to its latest emission, and
 * the latest row says how many contacts wait now.
 */
public final class ClickHouseQueueStatsReader implements QueueStatsReader {
    // Runs on ClickHouse 18.16 and current releases alike (no toStartOfInterval, no DateTime64).
    static final String SQL =
            "SELECT queue, sum(offered), sum(answered), sum(abandoned),"
                    + " sum(answered_within_threshold), sum(total_wait_ms),"
                    + " argMax(waiting_now, as_of_ms)"
                    + " FROM "
                    + Table.QUEUE_KPIS.qualifiedName()
                    + " FINAL WHERE tenant = ? AND window_kind = 'interval'"
                    + " AND window_start >= toStartOfDay(now())"
                    + " GROUP BY queue ORDER BY queue";

    private final DataSource dataSource;

    public ClickHouseQueueStatsReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<QueueSnapshot> today(String tenant) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setString(1, tenant);
            try (ResultSet rs = statement.executeQuery()) {
                return snapshots(rs);
            }
        } catch (SQLException e) {
            throw new QueueStatsUnavailableException("cannot read queue figures: " + e, e);
        }
    }

    /** Maps result rows, in the column order of {@link #SQL}, to snapshots. */
    static List<QueueSnapshot> snapshots(ResultSet rs) throws SQLException {
        List<QueueSnapshot> out = new ArrayList<>();
        while (rs.next()) {
            out.add(
                    QueueSnapshot.from(
                            new QueueTotals(
                                    rs.getString(1),
                                    rs.getLong(2),
                                    rs.getLong(3),
                                    rs.getLong(4),
                                    rs.getLong(5),
                                    rs.getLong(6),
                                    rs.getLong(7))));
        }
        return out;
    }
}
