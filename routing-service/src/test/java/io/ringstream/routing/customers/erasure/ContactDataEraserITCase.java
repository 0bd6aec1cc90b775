package io.ringstream.routing.customers.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.testkit.ClickHouseExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An erased customer's contacts lose their caller numbers and transcript words in a real
 * clickhouse-server, including the events from before the customer was known, while their facts
 * (type, queue, timing, sentiment score) and every other customer's contacts stay as they were.
 */
class ContactDataEraserITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private final String tenant = "erase-" + UUID.randomUUID().toString().substring(0, 8);
    private final UUID erased = UUID.randomUUID();
    private final UUID merged = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @Test
    void scrubsTheCustomersContactsAndNothingElse() {
        // c1: identified after ARRIVED, whose row has no customer id yet; c2: a contact of a
        // customer merged into the erased one; c3: someone else's.
        contactEvent("c1", "ARRIVED", "", "{\"callerIdNum\":\"+442079460001\"}");
        contactEvent("c1", "IDENTIFIED", erased.toString(), "{}");
        contactEvent("c1", "ANSWERED", erased.toString(), "{\"position\":\"1\"}");
        contactEvent("c2", "ARRIVED", merged.toString(), "{\"callerIdNum\":\"+442079460001\"}");
        contactEvent("c3", "ARRIVED", other.toString(), "{\"callerIdNum\":\"+442079469999\"}");
        utterance("c1", "my card number is 4111", -0.4);
        utterance("c3", "hello there", 0.2);

        List<String> contacts =
                new ContactDataEraser(CLICKHOUSE.jdbc()).erase(tenant, Set.of(erased, merged));

        assertThat(contacts).containsExactlyInAnyOrder("c1", "c2");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(
                                                CLICKHOUSE.query(
                                                        "SELECT contact_id, type, attributes FROM"
                                                                + " ringstream.contact_events"
                                                                + where()
                                                                + " ORDER BY contact_id, type"))
                                        .containsExactly(
                                                List.of("c1", "ANSWERED", "{}"),
                                                List.of("c1", "ARRIVED", "{}"),
                                                List.of("c1", "IDENTIFIED", "{}"),
                                                List.of("c2", "ARRIVED", "{}"),
                                                List.of(
                                                        "c3",
                                                        "ARRIVED",
                                                        "{\"callerIdNum\":\"+442079469999\"}")));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(
                                                CLICKHOUSE.query(
                                                        "SELECT contact_id, text, toString(score)"
                                                                + " FROM ringstream.utterance_sentiment"
                                                                + where()
                                                                + " ORDER BY contact_id"))
                                        .containsExactly(
                                                List.of("c1", "", "-0.4"),
                                                List.of("c3", "hello there", "0.2")));
    }

    @Test
    void deletesTheCustomersBusinessEventsFunnelEpisodesAndValueRows() {
        for (UUID customer : List.of(erased, merged, other)) {
            CLICKHOUSE.execute(
                    "INSERT INTO ringstream.business_events (event_id, tenant, customer_id, type,"
                            + " event_date, event_time, event_time_ms, amount_minor, currency)"
                            + " VALUES ('"
                            + UUID.randomUUID()
                            + "', '"
                            + tenant
                            + "', '"
                            + customer
                            + "', 'BOOKING_MADE', today(), now(), 1700000000000, 12050, 'EUR')");
            CLICKHOUSE.execute(
                    "INSERT INTO ringstream.funnel_progress (tenant, funnel_id, customer_id,"
                            + " episode_start, episode_start_ms, steps_reached, step_count, version)"
                            + " VALUES ('"
                            + tenant
                            + "', 'sales', '"
                            + customer
                            + "', now(), 1700000000000, 2, 4, 1)");
            CLICKHOUSE.execute(
                    "INSERT INTO ringstream.customer_value (tenant, customer_id, as_of, as_of_ms,"
                            + " segment, rfm, clv_12m, version) VALUES ('"
                            + tenant
                            + "', '"
                            + customer
                            + "', today(), 1700000000000, 'Champions', '555', 99.5, 1)");
        }

        assertThat(new ContactDataEraser(CLICKHOUSE.jdbc()).erase(tenant, Set.of(erased, merged)))
                .isEmpty();

        for (String table : List.of("business_events", "funnel_progress", "customer_value")) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(
                                                    CLICKHOUSE.query(
                                                            "SELECT customer_id FROM ringstream."
                                                                    + table
                                                                    + where()))
                                            .as(table)
                                            .containsExactly(List.of(other.toString())));
        }
    }

    @Test
    void aCustomerWithoutContactsErasesNothing() {
        contactEvent("c9", "ARRIVED", other.toString(), "{\"callerIdNum\":\"+442079469999\"}");

        assertThat(new ContactDataEraser(CLICKHOUSE.jdbc()).erase(tenant, Set.of(erased)))
                .isEmpty();
        assertThat(CLICKHOUSE.query("SELECT attributes FROM ringstream.contact_events" + where()))
                .containsExactly(List.of("{\"callerIdNum\":\"+442079469999\"}"));
    }

    @Test
    void quotesEscapeBackslashesAndQuotes() {
        assertThat(ContactDataEraser.quote("a'b\\c")).isEqualTo("'a\\'b\\\\c'");
    }

    private String where() {
        return " WHERE tenant = '" + tenant + "'";
    }

    private void contactEvent(String contact, String type, String customer, String attributes) {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.contact_events (event_id, tenant, contact_id, type, channel,"
                        + " event_date, event_time, event_time_ms, source, queue, agent_id,"
                        + " customer_id, reason, attributes) VALUES ('"
                        + UUID.randomUUID()
                        + "', '"
                        + tenant
                        + "', '"
                        + contact
                        + "', '"
                        + type
                        + "', 'VOICE', today(), now(), 1700000000000, 'test', 'sales', '', '"
                        + customer
                        + "', '', '"
                        + attributes
                        + "')");
    }

    private void utterance(String contact, String text, double score) {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.utterance_sentiment (event_id, tenant, contact_id, channel,"
                        + " type, speaker, event_date, event_time, event_time_ms, source, language,"
                        + " language_source, scored, model, score, label, unscored_reason, text,"
                        + " scored_at_ms, scoring_ms) VALUES ('"
                        + UUID.randomUUID()
                        + "', '"
                        + tenant
                        + "', '"
                        + contact
                        + "', 'VOICE', 'UTTERANCE', 'CUSTOMER', today(), now(), 1700000000000,"
                        + " 'test', 'en', 'given', 1, 'test', "
                        + score
                        + ", 'NEGATIVE', '', '"
                        + text
                        + "', 1700000000000, 1.0)");
    }
}
