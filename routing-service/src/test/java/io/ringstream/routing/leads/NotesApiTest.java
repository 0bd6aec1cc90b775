package io.ringstream.routing.leads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.IdentityMatch;
import io.ringstream.routing.leads.ApiClient.Answer;
import io.ringstream.routing.security.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notes over the real server: the author is the caller, pages run newest first without gaps or
 * repeats, a lead named must be the customer's, and another tenant's customer is not found.
 */
@MicronautTest(transactional = false)
class NotesApiTest {
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
                resolver.findOrCreate(tenant, IdentityKind.EMAIL, email, "test", null);
        return ((IdentityMatch.Created) match).customerId();
    }

    private Answer note(UUID customer, String body) {
        return api.post(agent, "/v1/customers/" + customer + "/notes", body);
    }

    @Test
    void theAuthorIsTheCallerAndTheNoteMayBeAboutALead() {
        String lead =
                api.post(
                                agent,
                                "/v1/customers/" + customer + "/leads",
                                "{\"sourceChannel\":\"voice\"}")
                        .json()
                        .get("id")
                        .asText();

        Answer added =
                note(customer, "{\"body\":\" wants a sea view \",\"leadId\":\"" + lead + "\"}");

        assertThat(added.status()).as("%s", added).isEqualTo(201);
        JsonNode note = added.json();
        assertThat(note.get("author").asText()).isEqualTo("1001");
        assertThat(note.get("body").asText()).isEqualTo("wants a sea view");
        assertThat(note.get("leadId").asText()).isEqualTo(lead);
        assertThat(note.get("customerId").asText()).isEqualTo(customer.toString());
    }

    @Test
    void pagesRunNewestFirstAndTogetherListEveryNoteOnce() {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(
                    0, note(customer, "{\"body\":\"note " + i + "\"}").json().get("id").asText());
        }

        List<String> read = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Answer page =
                    api.get(
                            TestTokens.supervisor(tenant),
                            "/v1/customers/"
                                    + customer
                                    + "/notes?limit=2"
                                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            read.addAll(page.json().get("items").findValuesAsText("id"));
            cursor =
                    page.json().get("nextCursor").isNull()
                            ? null
                            : page.json().get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(read).isEqualTo(written);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void badInputIsAProblem() {
        assertThat(note(customer, "{\"body\":\"   \"}").status()).isEqualTo(400);
        assertThat(note(customer, "{\"body\":\"" + "x".repeat(10_001) + "\"}").status())
                .isEqualTo(400);
        assertThat(note(customer, "{\"body\":").status()).isEqualTo(400);
        String list = "/v1/customers/" + customer + "/notes";
        assertThat(api.get(agent, list + "?limit=0").status()).isEqualTo(400);
        assertThat(api.get(agent, list + "?limit=101").status()).isEqualTo(400);
        Answer cursor = api.get(agent, list + "?cursor=bm9wZQ");
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.problem()).isEqualTo("invalid-request");
        assertThat(rows.count("notes", tenant)).isZero();
    }

    @Test
    void aLeadOfAnotherCustomerIs422AndAnUnknownLead404() {
        UUID bob = customer(tenant, "bob@example.com");
        String bobsLead =
                api.post(agent, "/v1/customers/" + bob + "/leads", "{\"sourceChannel\":\"voice\"}")
                        .json()
                        .get("id")
                        .asText();

        Answer other = note(customer, "{\"body\":\"hi\",\"leadId\":\"" + bobsLead + "\"}");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.problem()).isEqualTo("lead-of-another-customer");
        Answer unknown =
                note(customer, "{\"body\":\"hi\",\"leadId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problem()).isEqualTo("unknown-lead");
        assertThat(rows.count("notes", tenant)).isZero();
    }

    @Test
    void anotherTenantsCustomerIs404NeverA403() {
        UUID foreign = customer("other-" + tenant, "ana@example.com");

        Answer added = note(foreign, "{\"body\":\"hi\"}");
        assertThat(added.status()).isEqualTo(404);
        assertThat(added.problem()).isEqualTo("unknown-customer");
        assertThat(api.get(agent, "/v1/customers/" + foreign + "/notes").status()).isEqualTo(404);
        assertThat(rows.count("notes", "other-" + tenant)).isZero();
    }
}
