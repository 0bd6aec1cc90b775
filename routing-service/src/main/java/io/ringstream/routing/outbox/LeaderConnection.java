package io.ringstream.routing.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The relay's one PostgreSQL session. It holds the session-level advisory lock that makes its
 * instance the only relay, and it does all of the relay's reads and deletes, so the lock and the
 * work live and die together: if the session breaks, PostgreSQL releases the lock and this
 * instance's next statement fails, so it cannot go on deleting rows another instance now relays.
 *
 * <p>Lifetime: from a won {@link #tryLead} until {@link #close}, which unlocks before the
 * connection goes back to the pool (a pooled session would otherwise keep the lock with no relay
 * behind it). A broken session needs no unlock: the pool evicts it on its connection error.
 */
final class LeaderConnection implements AutoCloseable {
    /** The advisory lock key of the relay, the same in every instance: "RINGOUTB" in ASCII. */
    static final long LOCK_KEY = 0x52494E474F555442L;

    private final Connection connection;

    private LeaderConnection(Connection connection) {
        this.connection = connection;
    }

    /** The session holding the relay's lock, or empty when another instance holds it. */
    static Optional<LeaderConnection> tryLead(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            try (PreparedStatement lock =
                    connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, LOCK_KEY);
                try (ResultSet result = lock.executeQuery()) {
                    result.next();
                    if (result.getBoolean(1)) {
                        return Optional.of(new LeaderConnection(connection));
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /** The oldest committed rows, in id order; rows of transactions still open are not seen. */
    List<OutboxRow> nextBatch(int limit) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement(
                        "SELECT id, topic, event_key, payload FROM outbox ORDER BY id LIMIT ?")) {
            select.setInt(1, limit);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(
                            new OutboxRow(
                                    result.getLong(1),
                                    result.getString(2),
                                    result.getString(3),
                                    result.getBytes(4)));
                }
            }
            return rows;
        }
    }

    /**
     * Deletes the rows Kafka acknowledged, by id: never by range, because a row with a lower id may
     * still belong to a transaction that commits later.
     */
    void delete(List<OutboxRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Long[] ids = rows.stream().map(OutboxRow::id).toArray(Long[]::new);
        Array array = connection.createArrayOf("bigint", ids);
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM outbox WHERE id = ANY(?)")) {
            delete.setArray(1, array);
            delete.executeUpdate();
        } finally {
            array.free();
        }
    }

    /** What is waiting: committed rows and the age of the oldest. */
    Backlog backlog(Instant now) throws SQLException {
        try (PreparedStatement count =
                        connection.prepareStatement(
                                "SELECT count(*), min(created_at) FROM outbox");
                ResultSet result = count.executeQuery()) {
            result.next();
            Timestamp oldest = result.getTimestamp(2);
            Duration age =
                    oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), now);
            return new Backlog(result.getLong(1), age.isNegative() ? Duration.ZERO : age);
        }
    }

    /** Gives up the lock, then the connection. */
    @Override
    public void close() throws SQLException {
        try (connection;
                PreparedStatement unlock =
                        connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, LOCK_KEY);
            unlock.execute();
        }
    }

    /** One outbox row: the topic's serialised event and its key, as the writer stored them. */
    record OutboxRow(long id, String topic, String key, byte[] payload) {}

    /** The rows not yet published, and how long the oldest has waited. */
    record Backlog(long rows, Duration oldest) {}
}
