package io.ringstream.flink;

import static io.ringstream.testkit.TestEvents.T0;
import static io.ringstream.testkit.TestEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.clickhouse.Table;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaEventType;
import io.ringstream.events.SlaKind;
import io.ringstream.flink.archive.ArchiveTables;
import io.ringstream.flink.kit.clickhouse.ClickHouseSink;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.sla.io.ServiceLevelTables;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10's join of contacts to customers in ClickHouse: contact events written through the
 * archive job's spec and sink keep their customer id, and the {@code contact_customers} view joins
 * an SLA row (keyed by contact id only) to the customer, on the 18.16 server the tests run.
 */
class ContactCustomersITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(1);

    // Every test gets its own tenant: tables are shared with other tests.
    private final String tenant = "it-" + UUID.randomUUID();

    private ContactEvent event(String contactId, ContactEventType type, long at, String customer) {
        return contact(tenant, contactId, type, at)
                .queue(type == ContactEventType.QUEUED ? "sales" : null)
                .customerId(customer)
                .build();
    }

    private SlaEvent breach(String contactId, long at) {
        return new SlaEvent(
                1,
                "sla-" + contactId,
                SlaEventType.BREACH,
                tenant,
                at,
                "test",
                "clock-" + contactId,
                SlaKind.ANSWER,
                "default:ANSWER:VOICE",
                SlaEvent.SubjectType.CONTACT,
                contactId,
                contactId,
                null,
                "sales",
                Channel.VOICE,
                null,
                T0,
                20_000,
                at - T0,
                null,
                false);
    }

    /** Writes through the jobs' own specs and sinks, in one bounded Flink job. */
    private void write(List<ContactEvent> contacts, List<SlaEvent> slas) throws Exception {
        SinkTuning tuning = new SinkTuning(100, Duration.ofMillis(200), 3);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(contacts)
                .sinkTo(
                        ClickHouseSink.of(
                                ArchiveTables.CONTACT_EVENTS, CLICKHOUSE.jdbcUrl(), tuning));
        env.fromData(slas)
                .sinkTo(
                        ClickHouseSink.of(
                                ServiceLevelTables.SLA_EVENTS, CLICKHOUSE.jdbcUrl(), tuning));
        env.execute("contact-customers-it");
    }

    @Test
    void slaRowsJoinToTheLatestCustomerOfTheirContact() throws Exception {
        write(
                List.of(
                        // c1: identified after it arrived, then its customer corrected.
                        event("c1", ContactEventType.ARRIVED, T0, null),
                        event("c1", ContactEventType.IDENTIFIED, T0 + 1_000, "k1"),
                        event("c1", ContactEventType.QUEUED, T0 + 2_000, "k1"),
                        event("c1", ContactEventType.IDENTIFIED, T0 + 3_000, "k9"),
                        event("c1", ContactEventType.ENDED, T0 + 60_000, "k9"),
                        // c2: a customer from its first event on.
                        event("c2", ContactEventType.QUEUED, T0, "k2"),
                        // c3: never identified.
                        event("c3", ContactEventType.QUEUED, T0, null)),
                List.of(
                        breach("c1", T0 + 30_000),
                        breach("c2", T0 + 30_000),
                        breach("c3", T0 + 30_000)));

        assertThat(
                        CLICKHOUSE.query(
                                "SELECT type, customer_id FROM "
                                        + Table.CONTACT_EVENTS.qualifiedName()
                                        + " FINAL WHERE tenant = '"
                                        + tenant
                                        + "' AND contact_id = 'c1' ORDER BY event_time_ms"))
                .as("written as the events carry it, '' before the customer was known")
                .containsExactly(
                        List.of("ARRIVED", ""),
                        List.of("IDENTIFIED", "k1"),
                        List.of("QUEUED", "k1"),
                        List.of("IDENTIFIED", "k9"),
                        List.of("ENDED", "k9"));
        assertThat(
                        CLICKHOUSE.query(
                                "SELECT contact_id, customer_id FROM "
                                        + Table.CONTACT_CUSTOMERS.qualifiedName()
                                        + " WHERE tenant = '"
                                        + tenant
                                        + "' ORDER BY contact_id"))
                .as("one row per identified contact")
                .containsExactly(List.of("c1", "k9"), List.of("c2", "k2"));
        // The join docs/clickhouse.md shows analysts.
        assertThat(
                        CLICKHOUSE.query(
                                "SELECT contact_id, type, customer_id FROM "
                                        + Table.SLA_EVENTS.qualifiedName()
                                        + " FINAL ANY LEFT JOIN "
                                        + Table.CONTACT_CUSTOMERS.qualifiedName()
                                        + " USING (tenant, contact_id) WHERE tenant = '"
                                        + tenant
                                        + "' ORDER BY contact_id"))
                .containsExactly(
                        List.of("c1", "BREACH", "k9"),
                        List.of("c2", "BREACH", "k2"),
                        List.of("c3", "BREACH", ""));
        assertThat(
                        CLICKHOUSE.query(
                                "SELECT customer_id, count() AS breaches FROM "
                                        + Table.SLA_EVENTS.qualifiedName()
                                        + " FINAL ANY INNER JOIN "
                                        + Table.CONTACT_CUSTOMERS.qualifiedName()
                                        + " USING (tenant, contact_id) WHERE tenant = '"
                                        + tenant
                                        + "' AND type = 'BREACH' GROUP BY customer_id"
                                        + " ORDER BY customer_id"))
                .as("breaches per customer, as docs/clickhouse.md counts them")
                .containsExactly(List.of("k2", "1"), List.of("k9", "1"));
    }
}
