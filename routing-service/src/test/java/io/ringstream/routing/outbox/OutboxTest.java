package io.ringstream.routing.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.events.topics.Topics;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox commits an event with its transaction, drops it with a rollback, and refuses both an
 * invalid event and an append outside a transaction.
 */
@MicronautTest(transactional = false)
class OutboxTest {
    @Inject Outbox outbox;
    @Inject TransactionOperations<Connection> transactions;
    @Inject JdbcOperations jdbc;

    @Test
    void anEventCommitsWithItsTransactionAndARollbackDropsIt() {
        CustomerChange kept = change(UUID.randomUUID().toString());
        CustomerChange dropped = change(UUID.randomUUID().toString());

        transactions.executeWrite(
                status -> {
                    outbox.append(Topics.CUSTOMER_CHANGES, kept);
                    return null;
                });
        assertThatThrownBy(
                        () ->
                                transactions.executeWrite(
                                        status -> {
                                            outbox.append(Topics.CUSTOMER_CHANGES, dropped);
                                            throw new IllegalStateException("the change failed");
                                        }))
                .hasMessage("the change failed");

        List<String> rows = eventIds();
        assertThat(rows).contains(kept.eventId()).doesNotContain(dropped.eventId());
        assertThat(topicAndKeyOf(kept.eventId()))
                .isEqualTo(List.of("customer-changes", kept.customerId()));
    }

    @Test
    void anAppendOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.append(Topics.CUSTOMER_CHANGES, change("c1")))
                .hasMessageContaining("transaction");
    }

    @Test
    void anInvalidEventIsRefusedBeforeItIsWritten() {
        CustomerChange invalid =
                new CustomerChange(
                        1,
                        "e1",
                        CustomerChangeType.MERGED,
                        "acme",
                        "c1",
                        1L,
                        "test",
                        1,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "agent-1",
                        1L);
        assertThatThrownBy(
                        () ->
                                transactions.executeWrite(
                                        status -> {
                                            outbox.append(Topics.CUSTOMER_CHANGES, invalid);
                                            return null;
                                        }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mergedInto is required");
    }

    private List<String> eventIds() {
        return transactions.executeRead(
                status ->
                        jdbc.prepareStatement(
                                "SELECT event_id FROM outbox ORDER BY id",
                                statement -> {
                                    List<String> ids = new ArrayList<>();
                                    try (var rows = statement.executeQuery()) {
                                        while (rows.next()) {
                                            ids.add(rows.getString(1));
                                        }
                                    }
                                    return ids;
                                }));
    }

    private List<String> topicAndKeyOf(String eventId) {
        return transactions.executeRead(
                status ->
                        jdbc.prepareStatement(
                                "SELECT topic, event_key FROM outbox WHERE event_id = ?",
                                statement -> {
                                    statement.setString(1, eventId);
                                    try (var rows = statement.executeQuery()) {
                                        rows.next();
                                        return List.of(rows.getString(1), rows.getString(2));
                                    }
                                }));
    }

    private static CustomerChange change(String customerId) {
        return new CustomerChange(
                1,
                CustomerChange.idOf("acme", customerId, 1, CustomerChangeType.CREATED),
                CustomerChangeType.CREATED,
                "acme",
                customerId,
                1_700_000_000_000L,
                "routing-service",
                1,
                "Ana",
                null,
                null,
                null,
                Map.of(),
                List.of(),
                Map.of(),
                List.of(),
                null,
                "agent-1",
                1_700_000_000_000L);
    }
}
