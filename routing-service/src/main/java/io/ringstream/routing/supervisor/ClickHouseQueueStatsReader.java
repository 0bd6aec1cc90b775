package io.ringstream.routing.supervisor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads today's per-queue counters from {@code ringstream.queue_interval_stats}, which the
 * streaming job keeps up to date; FINAL collapses each interval to its latest emission.
 */
public final class ClickHouseQueueStatsReader implements QueueStatsReader {
    // Runs on ClickHouse 18.16 and current releases alike (no toStartOfInterval, no DateTime64).
    static final String SQL =
            "SELECT queue, sum(offered), sum(answered), sum(abandoned),"
                    + " sum(answered_within_threshold), sum(total_wait_ms)"
                    + " FROM ringstream.queue_interval_stats FINAL"
                    + " WHERE tenant = ? AND interval_start >= toStartOfDay(now())"
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
                                    rs.getLong(6))));
        }
        return out;
    }
}
