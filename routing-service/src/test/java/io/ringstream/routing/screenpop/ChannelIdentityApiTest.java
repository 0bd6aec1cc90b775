package io.ringstream.routing.screenpop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.Channel;
import io.ringstream.events.RoutingCommand;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.kafka.RecordingCommandSink;
import io.ringstream.routing.live.Assignments;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A chat or messaging contact's identity on {@code POST /v1/route}, as the channel gateway sends
 * it, over real HTTP and a real PostgreSQL (TestDatabase): the visitor is linked to the customer
 * holding it, or to a new one, the command (hence the OFFERED assignment) carries that customer,
 * and the card shows it. The routing job is not involved: asks answer WAIT and commands are
 * recorded.
 */
@MicronautTest(transactional = false)
class ChannelIdentityApiTest extends IdentificationApiFixture {
    private static final RecordingCommandSink SENT = new RecordingCommandSink();

    @Inject ScreenPop screenPop;

    @MockBean(CommandSink.class)
    CommandSink recording() {
        return SENT;
    }

    @Test
    void aKnownEmailNamesItsCustomerInTheCommandAndTheCardShowsIt() throws Exception {
        UUID ana = create(tenant, IdentityKind.EMAIL, "ana@example.com", "Ana");

        HttpResponse<String> answer =
                route("chat-1", identity("EMAIL", " Ana@Example.com ", "Ana Visitor"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("customerId").asText())
                .isEqualTo(ana.toString());
        RoutingCommand command = commandOf("chat-1");
        assertThat(command.contact().customerId()).isEqualTo(ana.toString());
        assertThat(command.contact().channel()).isEqualTo(Channel.CHAT);
        CustomerCard card =
                screenPop
                        .cardFor(
                                Assignments.of(
                                        AssignmentType.OFFERED,
                                        tenant,
                                        "o1",
                                        "chat-1",
                                        "1001",
                                        ana.toString()))
                        .join();
        assertThat(card.displayName()).isEqualTo("Ana");
        assertThat(count("SELECT count(*) FROM customers WHERE tenant = ?")).isEqualTo(1);
    }

    @Test
    void anUnknownEmailBecomesOneNewCustomerWithTheGivenNameHoweverOftenItIsAsked()
            throws Exception {
        Map<String, Object> bea = identity("EMAIL", "bea@example.com", "Bea");

        JsonNode first = JSON.readTree(route("chat-2", bea).body());
        JsonNode again = JSON.readTree(route("chat-2", bea).body());
        JsonNode otherChat = JSON.readTree(route("chat-3", bea).body());

        String created = first.get("customerId").asText();
        assertThat(again.get("customerId").asText()).isEqualTo(created);
        assertThat(otherChat.get("customerId").asText()).isEqualTo(created);
        assertThat(count("SELECT count(*) FROM customers WHERE tenant = ?")).isEqualTo(1);
        assertThat(
                        count(
                                "SELECT count(*) FROM customers WHERE tenant = ?"
                                        + " AND display_name = 'Bea'"))
                .isEqualTo(1);
        assertThat(commandOf("chat-3").contact().customerId()).isEqualTo(created);
    }

    @Test
    void aWhatsAppNumberFindsTheCustomerOfThatPhone() throws Exception {
        UUID cy = create(tenant, IdentityKind.PHONE, "+34612345678", "Cy");

        JsonNode answer =
                JSON.readTree(route("wa-1", identity("WHATSAPP", "34612345678", null)).body());

        assertThat(answer.get("customerId").asText()).isEqualTo(cy.toString());
    }

    @Test
    void theRequestsOwnCustomerWinsAndNothingIsCreated() throws Exception {
        Map<String, Object> body = body("chat-4", identity("EMAIL", "dee@example.com", "Dee"));
        body.put("customerId", "crm-7");

        JsonNode answer = JSON.readTree(post(body).body());

        assertThat(answer.get("customerId").asText()).isEqualTo("crm-7");
        assertThat(count("SELECT count(*) FROM customers WHERE tenant = ?")).isZero();
    }

    @Test
    void anIdentityThatIsNoneIsRefusedWith422AndNothingIsQueued() throws Exception {
        for (Map<String, Object> bad :
                List.of(
                        identity("EMAIL", "not an address", "X"),
                        identity("FAX", "+34612345678", "X"),
                        identity("PHONE", " ", "X"))) {
            HttpResponse<String> answer = route("chat-bad", bad);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
            assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
            assertThat(answer.body()).contains("invalid-identity");
        }
        assertThat(SENT.sent()).noneMatch(c -> c.tenant().equals(tenant));
        assertThat(count("SELECT count(*) FROM customers WHERE tenant = ?")).isZero();
    }

    private static Map<String, Object> identity(String kind, String value, String name) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("kind", kind);
        identity.put("value", value);
        identity.put("displayName", name);
        return identity;
    }

    private static Map<String, Object> body(String contactId, Map<String, Object> identity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contactId", contactId);
        body.put("queue", "sales");
        body.put("channel", "CHAT");
        body.put("waitMillis", 0);
        body.put("identity", identity);
        return body;
    }

    private HttpResponse<String> route(String contactId, Map<String, Object> identity)
            throws Exception {
        return post(body(contactId, identity));
    }

    private HttpResponse<String> post(Map<String, Object> body) throws Exception {
        return send(tenant, "/v1/route", JSON.writeValueAsString(body));
    }

    private RoutingCommand commandOf(String contactId) {
        return SENT.sent().stream()
                .filter(c -> c.tenant().equals(tenant) && c.contactId().equals(contactId))
                .reduce((a, b) -> b)
                .orElseThrow();
    }
}
