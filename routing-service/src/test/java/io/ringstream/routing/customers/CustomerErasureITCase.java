package io.ringstream.routing.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.routing.security.TestTokens;
import io.ringstream.testkit.ClickHouseExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An erasure through the API reaches a real clickhouse-server: the contacts of the erased customer
 * and of the customer merged into it lose their caller numbers, others' stay, and PostgreSQL
 * records the scrub as done.
 */
class CustomerErasureITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static EmbeddedServer server;

    @BeforeAll
    static void startServiceOnTheSharedClickHouse() {
        server =
                ApplicationContext.run(
                        EmbeddedServer.class,
                        Map.of(
                                "ringstream.clickhouse.url",
                                CLICKHOUSE.jdbcUrl(),
                                "micronaut.server.port",
                                -1));
    }

    @AfterAll
    static void stopService() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theErasedPersonsContactHistoryIsScrubbedInClickHouse() {
        ApiCalls api =
                new ApiCalls(
                        server.getURL(), server.getApplicationContext().getBean(JsonMapper.class));
        String tenant = "erase-it-" + UUID.randomUUID().toString().substring(0, 8);
        String supervisor = TestTokens.supervisor(tenant);
        String ana =
                api.call("POST", "/v1/customers", supervisor, "{\"displayName\":\"Ana\"}")
                        .ok(201)
                        .id();
        String old =
                api.call("POST", "/v1/customers", supervisor, "{\"displayName\":\"A\"}")
                        .ok(201)
                        .id();
        String bea =
                api.call("POST", "/v1/customers", supervisor, "{\"displayName\":\"Bea\"}")
                        .ok(201)
                        .id();
        api.call(
                        "POST",
                        "/v1/customers/" + ana + "/merge",
                        supervisor,
                        "{\"mergedId\":\"" + old + "\"}")
                .ok(200);
        contactEvent(tenant, "c1", ana, "{\"callerIdNum\":\"+442079460001\"}");
        contactEvent(tenant, "c2", old, "{\"callerIdNum\":\"+442079460001\"}");
        contactEvent(tenant, "c3", bea, "{\"callerIdNum\":\"+442079469999\"}");

        api.call("POST", "/v1/customers/" + ana + "/erasure", TestTokens.admin(tenant), null)
                .ok(200);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(
                                                CLICKHOUSE.query(
                                                        "SELECT contact_id, attributes FROM"
                                                                + " ringstream.contact_events"
                                                                + " WHERE tenant = '"
                                                                + tenant
                                                                + "' ORDER BY contact_id"))
                                        .containsExactly(
                                                List.of("c1", "{}"),
                                                List.of("c2", "{}"),
                                                List.of(
                                                        "c3",
                                                        "{\"callerIdNum\":\"+442079469999\"}")));
        Sql sql =
                new Sql(
                        server.getApplicationContext().getBean(TransactionOperations.class),
                        server.getApplicationContext().getBean(JdbcOperations.class));
        assertThat(
                        sql.one(
                                "SELECT contacts_scrubbed_at IS NOT NULL FROM customer_erasures"
                                        + " WHERE tenant = ?",
                                tenant))
                .isEqualTo("t");
    }

    private static void contactEvent(
            String tenant, String contact, String customer, String attributes) {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.contact_events (event_id, tenant, contact_id, type, channel,"
                        + " event_date, event_time, event_time_ms, source, queue, agent_id,"
                        + " customer_id, reason, attributes) VALUES ('"
                        + UUID.randomUUID()
                        + "', '"
                        + tenant
                        + "', '"
                        + contact
                        + "', 'ARRIVED', 'VOICE', today(), now(), 1700000000000, 'test', 'sales',"
                        + " '', '"
                        + customer
                        + "', '', '"
                        + attributes
                        + "')");
    }
}
