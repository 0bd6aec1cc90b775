package io.ringstream.routing.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition.Propagation;
import io.micronaut.transaction.annotation.Transactional;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.topics.Topic;
import jakarta.inject.Singleton;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes events into the transactional outbox, so a change to a customer and the event that
 * announces it commit together or not at all. Callers append inside the transaction that makes the
 * change; the relay publishes committed rows to Kafka in id order.
 *
 * <p>Append after the row lock that orders the change (the customer's {@code SELECT ... FOR UPDATE}
 * or its version-checked {@code UPDATE}): the outbox id is taken at insert, so two changes to one
 * customer get ids in the order they commit, and its events stay in order on Kafka.
 */
@Singleton
@Requires(beans = DataSource.class)
public class Outbox {
    private final JdbcOperations jdbc;

    public Outbox(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends {@code event} for {@code topic} to the current transaction.
     *
     * @throws IllegalArgumentException if the event is invalid: a bug in the caller, which must not
     *     commit a change whose event no consumer could read
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T extends RingstreamEvent> void append(Topic<T> topic, T event) {
        List<String> violations = event.violations();
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(
                    "invalid " + topic.name() + " event: " + String.join("; ", violations));
        }
        byte[] payload = topic.serde().serialize(event);
        jdbc.prepareStatement(
                "INSERT INTO outbox (topic, event_key, event_id, payload) VALUES (?, ?, ?, ?)",
                statement -> {
                    statement.setString(1, topic.name());
                    statement.setString(2, topic.keyOf(event));
                    statement.setString(3, event.eventId());
                    statement.setBytes(4, payload);
                    return statement.executeUpdate();
                });
    }
}
