package io.ringstream.routing.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.routing.security.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An erasure removes or anonymises the person's data in PostgreSQL (row, identities, notes,
 * business event attributes, merge audits, unrelayed changes), keeps the ids and facts analytics
 * count, and publishes an ERASED change; a second erasure changes nothing.
 */
@MicronautTest(transactional = false)
class CustomerErasureTest {
    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject CustomerResolver resolver;
    @Inject TransactionOperations<Connection> transactions;
    @Inject JdbcOperations jdbc;

    @Test
    void erasureLeavesNoPersonalDataAndKeepsTheFacts() {
        ApiCalls api = new ApiCalls(server.getURL(), json);
        Sql sql = new Sql(transactions, jdbc);
        String tenant = "t-" + UUID.randomUUID();
        String supervisor = TestTokens.supervisor(tenant);
        String admin = TestTokens.admin(tenant);
        String ana =
                api.call(
                                "POST",
                                "/v1/customers",
                                supervisor,
                                "{\"displayName\":\"Ana\",\"tier\":\"gold\",\"tags\":[\"vip\"],"
                                        + "\"attributes\":{\"room\":\"101\"},\"ownerAgent\":\"1001\","
                                        + "\"preferredLanguage\":\"es\",\"identities\":["
                                        + "{\"kind\":\"PHONE\",\"value\":\"+34612345678\"}]}")
                        .ok(201)
                        .id();
        String old =
                api.call(
                                "POST",
                                "/v1/customers",
                                supervisor,
                                "{\"displayName\":\"Ana G\",\"identities\":["
                                        + "{\"kind\":\"EMAIL\",\"value\":\"ana@x.es\"}]}")
                        .ok(201)
                        .id();
        api.call(
                        "POST",
                        "/v1/customers/" + ana + "/merge",
                        supervisor,
                        "{\"mergedId\":\"" + old + "\",\"reason\":\"Ana said so on the phone\"}")
                .ok(200);
        UUID lead = UUID.randomUUID();
        sql.exec(
                "INSERT INTO leads (id, tenant, customer_id, stage, source_channel, value, currency,"
                        + " created_at, updated_at, version)"
                        + " VALUES (?, ?, ?, 'BOOKED', 'voice', 120, 'EUR', now(), now(), 1)",
                lead,
                tenant,
                UUID.fromString(ana));
        sql.exec(
                "INSERT INTO notes (id, tenant, customer_id, author, body, created_at)"
                        + " VALUES (?, ?, ?, '1001', 'allergic to nuts', now())",
                UUID.randomUUID(),
                tenant,
                UUID.fromString(ana));
        sql.exec(
                "INSERT INTO business_events (tenant, idempotency_key, request_hash, event_id, type,"
                        + " customer_id, amount, currency, occurred_at, received_at, attributes)"
                        + " VALUES (?, 'k1', 'h', 'e1', 'PAYMENT', ?, 120, 'EUR', now(), now(),"
                        + " '{\"card\":\"4242\"}')",
                tenant,
                UUID.fromString(ana));

        api.call("POST", "/v1/customers/" + ana + "/erasure", supervisor, null).problem(403);
        ApiCalls.Answer erased =
                api.call("POST", "/v1/customers/" + old + "/erasure", admin, null).ok(200);

        assertThat(erased.id()).isEqualTo(ana);
        assertThat(erased.body())
                .containsEntry("displayName", null)
                .containsEntry("preferredLanguage", null)
                .containsEntry("ownerAgent", null)
                .containsEntry("tier", "gold")
                .containsEntry("tags", List.of())
                .containsEntry("identities", List.of())
                .containsEntry("version", 3);
        assertThat(erased.body().get("erasedAt")).isNotNull();
        assertThat(sql.one("SELECT count(*) FROM customer_identities WHERE tenant = ?", tenant))
                .isEqualTo("0");
        assertThat(sql.one("SELECT attributes::text FROM customers WHERE tenant = ?", tenant))
                .isEqualTo("{}");
        assertThat(sql.column("SELECT body FROM notes WHERE tenant = ?", tenant))
                .containsExactly("[erased]");
        assertThat(
                        sql.one(
                                "SELECT attributes::text || amount FROM business_events WHERE tenant = ?",
                                tenant))
                .isEqualTo("{}120.0000");
        assertThat(sql.one("SELECT stage || value FROM leads WHERE tenant = ?", tenant))
                .isEqualTo("BOOKED120.0000");
        String audit = sql.one("SELECT audit::text FROM customer_merges WHERE tenant = ?", tenant);
        assertThat(audit).contains("\"erased\": true").doesNotContain("Ana", "ana@x.es");
        assertThat(sql.one("SELECT reason FROM customer_merges WHERE tenant = ?", tenant)).isNull();
        assertThat(
                        sql.column(
                                "SELECT event_id FROM outbox WHERE event_key IN (?, ?) ORDER BY id",
                                ana,
                                old))
                .as("unrelayed changes dropped; each id's history ends in its own ERASED change")
                .containsExactly(
                        CustomerChange.idOf(tenant, ana, 3, CustomerChangeType.ERASED),
                        CustomerChange.idOf(tenant, old, 3, CustomerChangeType.ERASED));
        assertThat(
                        sql.one(
                                "SELECT array_length(customer_ids, 1) FROM customer_erasures"
                                        + " WHERE tenant = ? AND customer_id = ?::uuid"
                                        + " AND ?::uuid = ANY (customer_ids)",
                                tenant,
                                ana,
                                old))
                .as("the ClickHouse contact scrub is recorded for both ids")
                .isEqualTo("2");
        assertThat(resolver.find(tenant, IdentityKind.PHONE, "+34612345678"))
                .isInstanceOf(IdentityMatch.None.class);
        assertThat(resolver.resolveId(tenant, UUID.fromString(old))).contains(UUID.fromString(ana));

        api.call("POST", "/v1/customers/" + ana + "/erasure", admin, null).ok(200);
        assertThat(sql.column("SELECT event_id FROM outbox WHERE event_key = ?", ana)).hasSize(1);
        api.call(
                        "PUT",
                        "/v1/customers/" + ana,
                        supervisor,
                        "{\"displayName\":\"Ana\"}",
                        "If-Match",
                        "\"3\"")
                .problem(409);
        api.call(
                        "POST",
                        "/v1/customers/" + ana + "/identities",
                        supervisor,
                        "{\"kind\":\"EMAIL\",\"value\":\"ana@x.es\"}")
                .problem(409);
    }
}
