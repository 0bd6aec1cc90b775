package io.ringstream.routing.leads;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.IdentityMatch;
import io.ringstream.routing.leads.ApiClient.Answer;
import io.ringstream.routing.security.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Leads over the real server and PostgreSQL: created in NEW, moved by the stage rule with If-Match,
 * each change a stage-change row and a business event in the outbox; every refusal a problem, and
 * another tenant's customers and leads simply not found.
 */
@MicronautTest(transactional = false)
class LeadsApiTest {
    @Inject EmbeddedServer server;
    @Inject CustomerResolver resolver;
    @Inject TransactionOperations<Connection> transactions;
    @Inject JdbcOperations jdbc;

    private ApiClient api;
    private Rows rows;
    private String tenant;
    private String agent;
    private UUID customer;

    @BeforeEach
    void setUp() {
        api = new ApiClient(server.getURL());
        rows = new Rows(transactions, jdbc);
        tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        agent = TestTokens.agent(tenant, "1001");
        customer = customer(tenant, "ana@example.com");
    }

    private UUID customer(String tenant, String email) {
        IdentityMatch match =
                resolver.findOrCreate(tenant, IdentityKind.EMAIL, email, "test", "Ana");
        return ((IdentityMatch.Created) match).customerId();
    }

    private Answer create(String body) {
        return api.post(agent, "/v1/customers/" + customer + "/leads", body);
    }

    private Answer move(String leadId, String ifMatch, String body) {
        return ifMatch == null
                ? api.post(agent, "/v1/leads/" + leadId + "/stage", body)
                : api.post(agent, "/v1/leads/" + leadId + "/stage", body, "If-Match", ifMatch);
    }

    private String newLead() {
        Answer created = create("{\"sourceChannel\":\"voice\"}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().get("id").asText();
    }

    @Nested
    class Creation {
        @Test
        void aLeadStartsNewWithItsValueAtTheCurrencysScaleAndIsABusinessEvent() {
            Answer created =
                    create(
                            "{\"sourceChannel\":\"Web-Form\",\"campaign\":\"summer\","
                                    + "\"value\":\"1200.5\",\"currency\":\"eur\","
                                    + "\"ownerAgent\":\"1001\"}");

            assertThat(created.status()).as("%s", created).isEqualTo(201);
            assertThat(created.header("ETag")).isEqualTo("\"1\"");
            var lead = created.json();
            String id = lead.get("id").asText();
            assertThat(created.header("Location")).isEqualTo("/v1/leads/" + id);
            assertThat(lead.get("customerId").asText()).isEqualTo(customer.toString());
            assertThat(lead.get("stage").asText()).isEqualTo("NEW");
            assertThat(lead.get("sourceChannel").asText()).isEqualTo("web-form");
            assertThat(lead.get("value").asText()).isEqualTo("1200.50");
            assertThat(lead.get("currency").asText()).isEqualTo("EUR");
            assertThat(lead.get("version").asLong()).isEqualTo(1);
            assertThat(rows.stageChanges(tenant, id)).containsExactly(">NEW");
            List<BusinessEvent> events = rows.businessEvents(tenant);
            assertThat(events).hasSize(1);
            BusinessEvent event = events.get(0);
            assertThat(event.type()).isEqualTo(BusinessEventType.LEAD_CREATED);
            assertThat(event.customerId()).isEqualTo(customer.toString());
            assertThat(event.leadId()).isEqualTo(id);
            assertThat(event.stage()).isEqualTo("NEW");
            assertThat(event.amountMinor()).isEqualTo(120_050L);
            assertThat(event.currency()).isEqualTo("EUR");
            assertThat(event.attributes()).containsEntry("campaign", "summer");

            Answer read = api.get(agent, "/v1/leads/" + id);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json()).isEqualTo(lead);
            assertThat(read.header("ETag")).isEqualTo("\"1\"");
        }

        @Test
        void theCustomersLeadsAreListedNewestFirst() {
            String first = newLead();
            String second = newLead();

            Answer list =
                    api.get(TestTokens.supervisor(tenant), "/v1/customers/" + customer + "/leads");

            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().findValuesAsText("id")).containsExactly(second, first);
        }

        @Test
        void badFieldsAreOne400ListingEach() {
            Answer bad =
                    create(
                            "{\"sourceChannel\":\"web form!\",\"value\":\"-3\","
                                    + "\"currency\":\"EUR\"}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.problem()).isEqualTo("invalid-request");
            assertThat(bad.json().get("detail").asText()).contains("value is not negative");

            Answer currency =
                    create("{\"sourceChannel\":\"voice\",\"value\":\"3\",\"currency\":\"EUX\"}");
            assertThat(currency.status()).isEqualTo(400);
            assertThat(currency.json().get("detail").asText()).contains("ISO 4217");

            Answer yen =
                    create("{\"sourceChannel\":\"voice\",\"value\":\"3.5\",\"currency\":\"JPY\"}");
            assertThat(yen.status()).isEqualTo(400);
            assertThat(yen.json().get("detail").asText()).contains("at most 0 decimals in JPY");

            Answer channel = create("{\"sourceChannel\":\"web form!\"}");
            assertThat(channel.status()).isEqualTo(400);
            assertThat(channel.json().get("detail").asText()).contains("sourceChannel");

            Answer malformed = create("{\"sourceChannel\":");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
            assertThat(rows.count("leads", tenant)).isZero();
        }

        @Test
        void anUnknownOrForeignCustomerIs404NeverA403() {
            UUID foreign = customer("other-" + tenant, "bob@example.com");

            for (String id : List.of(UUID.randomUUID().toString(), foreign.toString(), "nope")) {
                Answer answer =
                        api.post(
                                agent,
                                "/v1/customers/" + id + "/leads",
                                "{\"sourceChannel\":\"voice\"}");
                assertThat(answer.status()).as("%s: %s", id, answer).isEqualTo(404);
                assertThat(answer.problem()).isEqualTo("unknown-customer");
                assertThat(api.get(agent, "/v1/customers/" + id + "/leads").status())
                        .isEqualTo(404);
            }
            assertThat(rows.count("leads", "other-" + tenant)).isZero();
        }
    }

    @Nested
    class Stages {
        @Test
        void aMoveWithTheCurrentVersionIsRecordedAndPublished() {
            String id = newLead();

            Answer quoted = move(id, "\"1\"", "{\"stage\":\"quoted\"}");
            assertThat(quoted.status()).as("%s", quoted).isEqualTo(200);
            assertThat(quoted.json().get("stage").asText()).isEqualTo("QUOTED");
            assertThat(quoted.header("ETag")).isEqualTo("\"2\"");
            Answer lost =
                    move(id, "\"2\"", "{\"stage\":\"LOST\",\"lostReason\":\"too expensive\"}");
            assertThat(lost.status()).as("%s", lost).isEqualTo(200);
            assertThat(lost.json().get("lostReason").asText()).isEqualTo("too expensive");

            assertThat(rows.stageChanges(tenant, id))
                    .containsExactly(">NEW", "NEW>QUOTED", "QUOTED>LOST");
            List<BusinessEvent> events = rows.businessEvents(tenant);
            assertThat(events)
                    .extracting(BusinessEvent::type, BusinessEvent::stage, BusinessEvent::leadId)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    BusinessEventType.LEAD_CREATED, "NEW", id),
                            org.assertj.core.groups.Tuple.tuple(
                                    BusinessEventType.STAGE_CHANGED, "QUOTED", id),
                            org.assertj.core.groups.Tuple.tuple(
                                    BusinessEventType.STAGE_CHANGED, "LOST", id));
            assertThat(events.get(2).attributes())
                    .containsEntry("fromStage", "QUOTED")
                    .containsEntry("lostReason", "too expensive");
            assertThat(events)
                    .extracting(BusinessEvent::customerId)
                    .containsOnly(customer.toString());
        }

        @Test
        void withoutIfMatchIs428AndAStaleOneIs412() {
            String id = newLead();

            Answer missing = move(id, null, "{\"stage\":\"CONTACTED\"}");
            assertThat(missing.status()).isEqualTo(428);
            assertThat(missing.problem()).isEqualTo("if-match-required");
            assertThat(move(id, "\"1\"", "{\"stage\":\"CONTACTED\"}").status()).isEqualTo(200);
            Answer stale = move(id, "\"1\"", "{\"stage\":\"QUOTED\"}");
            assertThat(stale.status()).isEqualTo(412);
            assertThat(stale.problem()).isEqualTo("stale-version");
            assertThat(move(id, "one", "{\"stage\":\"QUOTED\"}").status()).isEqualTo(400);
            assertThat(rows.stageChanges(tenant, id)).containsExactly(">NEW", "NEW>CONTACTED");
        }

        @Test
        void aMoveTheStageRuleRefusesIs409NamingTheRule() {
            String id = newLead();
            assertThat(move(id, "\"1\"", "{\"stage\":\"PAID\"}").status()).isEqualTo(200);

            Answer back = move(id, "\"2\"", "{\"stage\":\"BOOKED\"}");
            assertThat(back.status()).isEqualTo(409);
            assertThat(back.problem()).isEqualTo("illegal-stage-change");
            assertThat(back.json().get("detail").asText())
                    .contains("cannot move from PAID to BOOKED")
                    .contains("forward only");
            assertThat(rows.businessEvents(tenant)).hasSize(2);
        }

        @Test
        void lostWithoutAReasonOrAnUnknownStageIs400() {
            String id = newLead();

            Answer noReason = move(id, "\"1\"", "{\"stage\":\"LOST\"}");
            assertThat(noReason.status()).isEqualTo(400);
            assertThat(noReason.json().get("detail").asText()).contains("lostReason");
            assertThat(move(id, "\"1\"", "{\"stage\":\"WON\"}").status()).isEqualTo(400);
            assertThat(move(id, "\"1\"", "{\"stage\":").status()).isEqualTo(400);
            assertThat(rows.stageChanges(tenant, id)).containsExactly(">NEW");
        }

        @Test
        void anUnknownOrForeignLeadIs404NeverA403() {
            String id = newLead();
            String otherTenantsAgent = TestTokens.agent("other-" + tenant, "1001");

            for (String token : List.of(otherTenantsAgent)) {
                assertThat(api.get(token, "/v1/leads/" + id).status()).isEqualTo(404);
                Answer moved =
                        api.post(
                                token,
                                "/v1/leads/" + id + "/stage",
                                "{\"stage\":\"CONTACTED\"}",
                                "If-Match",
                                "\"1\"");
                assertThat(moved.status()).isEqualTo(404);
                assertThat(moved.problem()).isEqualTo("unknown-lead");
            }
            assertThat(api.get(agent, "/v1/leads/" + UUID.randomUUID()).status()).isEqualTo(404);
            assertThat(api.get(agent, "/v1/leads/not-a-uuid").status()).isEqualTo(404);
            assertThat(rows.stageChanges(tenant, id)).containsExactly(">NEW");
        }
    }
}
