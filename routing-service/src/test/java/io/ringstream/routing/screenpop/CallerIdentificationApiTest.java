package io.ringstream.routing.screenpop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.RoutingCommand;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.kafka.RecordingCommandSink;
import io.ringstream.routing.live.Assignments;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Caller identification on {@code POST /v1/route} and the card it leads to, over real HTTP and a
 * real PostgreSQL (TestDatabase); the routing job is not involved, so asks answer WAIT at once and
 * the commands they would send are recorded.
 */
@MicronautTest(transactional = false)
class CallerIdentificationApiTest extends IdentificationApiFixture {
    private static final RecordingCommandSink SENT = new RecordingCommandSink();
    private static final String NUMBER = "+34612345678";

    @Inject ScreenPop screenPop;

    @MockBean(CommandSink.class)
    CommandSink recording() {
        return SENT;
    }

    @Test
    void aKnownNumberInAnyFormatNamesTheCustomerInTheAnswerAndTheCommand() throws Exception {
        // given a customer with the number, in a tenant reading national numbers as Spanish
        settings(tenant, "ES", true);
        UUID ana = create(tenant, IdentityKind.PHONE, NUMBER, "Ana");
        // when the PBX routes calls from it, written three ways
        List<JsonNode> answers = new ArrayList<>();
        for (String[] call :
                new String[][] {
                    {"c1", "612 34 56 78"}, {"c2", "0034 612-345-678"}, {"c3", "(+34) 612345678"}
                }) {
            answers.add(route(tenant, call[0], call[1]));
        }
        // then every answer and command carries the customer
        assertThat(answers)
                .allSatisfy(
                        a -> assertThat(a.get("customerId").asText()).isEqualTo(ana.toString()));
        assertThat(commandsOf(tenant, "c1", "c2", "c3"))
                .extracting(c -> c.contact().customerId())
                .containsOnly(ana.toString());
    }

    @Test
    void anUnknownNumberBecomesOneCustomerAndOneLeadHoweverOftenAndConcurrentlyItIsAsked()
            throws Exception {
        List<CompletableFuture<JsonNode>> asks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            asks.add(CompletableFuture.supplyAsync(() -> routeUnchecked(tenant, "c1", NUMBER)));
        }
        Set<String> answered =
                asks.stream()
                        .map(CompletableFuture::join)
                        .map(a -> a.get("customerId").asText())
                        .collect(Collectors.toSet());
        JsonNode again = route(tenant, "c1", NUMBER);

        assertThat(answered).hasSize(1);
        String created = answered.iterator().next();
        assertThat(again.get("customerId").asText()).isEqualTo(created);
        assertThat(count("SELECT count(*) FROM customers WHERE tenant = ?", tenant)).isEqualTo(1);
        assertThat(
                        count(
                                "SELECT count(*) FROM leads WHERE tenant = ? AND stage = 'NEW'"
                                        + " AND source_channel = 'voice'",
                                tenant))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM lead_stage_changes WHERE tenant = ?", tenant))
                .isEqualTo(1);
        // the lead's card shows it open
        CustomerCard card =
                screenPop
                        .cardFor(
                                Assignments.of(
                                        AssignmentType.OFFERED, tenant, "o1", "c1", "a1", created))
                        .join();
        assertThat(card.openLeads())
                .singleElement()
                .satisfies(l -> assertThat(l.stage()).isEqualTo("NEW"));
    }

    @Test
    void aNumberOfTwoCustomersNamesNoneAndTheCardListsBoth() throws Exception {
        UUID ana = create(tenant, IdentityKind.PHONE, NUMBER, "Ana");
        // Bea's WhatsApp account is the same number (a phone lookup matches both kinds)
        UUID bea = create(tenant, IdentityKind.PHONE, "+34699000111", "Bea");
        update(
                "INSERT INTO customer_identities (tenant, kind, value, customer_id, raw,"
                        + " created_at) VALUES ('"
                        + tenant
                        + "', 'WHATSAPP', '"
                        + NUMBER
                        + "', '"
                        + bea
                        + "', '34612345678', now())");

        JsonNode answer = route(tenant, "c1", NUMBER);
        CustomerCard card =
                screenPop
                        .cardFor(Assignments.of(AssignmentType.OFFERED, tenant, "o1", "c1", "a1"))
                        .join();

        assertThat(answer.get("customerId").isNull()).isTrue();
        assertThat(commandsOf(tenant, "c1"))
                .singleElement()
                .satisfies(c -> assertThat(c.contact().customerId()).isNull());
        assertThat(card.customerId()).isNull();
        assertThat(card.candidates())
                .extracting(CustomerCard.Candidate::customerId, CustomerCard.Candidate::displayName)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ana.toString(), "Ana"),
                        org.assertj.core.groups.Tuple.tuple(bea.toString(), "Bea"));
        assertThat(count("SELECT count(*) FROM customers WHERE tenant = ?", tenant)).isEqualTo(2);
    }

    @Test
    void withTheSettingOffAnUnknownCallerStaysUnknownAndNothingIsCreated() throws Exception {
        settings(tenant, null, false);

        JsonNode answer = route(tenant, "c1", NUMBER);

        assertThat(answer.get("customerId").isNull()).isTrue();
        assertThat(count("SELECT count(*) FROM customers WHERE tenant = ?", tenant)).isZero();
        assertThat(count("SELECT count(*) FROM leads WHERE tenant = ?", tenant)).isZero();
    }

    @Test
    void anotherTenantsCustomerNeverMatches() throws Exception {
        String other = tenant + "x";
        create(other, IdentityKind.PHONE, NUMBER, "Ana");
        settings(tenant, null, false);

        JsonNode answer = route(tenant, "c1", NUMBER);

        assertThat(answer.get("customerId").isNull()).isTrue();
        assertThat(
                        screenPop
                                .cardFor(
                                        Assignments.of(
                                                AssignmentType.OFFERED, tenant, "o1", "c1", "a1"))
                                .join())
                .isNull();
    }

    @Test
    void theCardShowsNameTierAndOpenLeadsAndIsReadOncePerOffer() throws Exception {
        UUID ana = create(tenant, IdentityKind.PHONE, NUMBER, "Ana");
        update("UPDATE customers SET tier = 'gold' WHERE id = '" + ana + "'");
        update(
                "INSERT INTO leads (id, tenant, customer_id, stage, source_channel, value, currency,"
                        + " created_at, updated_at, version) VALUES ('"
                        + UUID.randomUUID()
                        + "', '"
                        + tenant
                        + "', '"
                        + ana
                        + "', 'QUOTED', 'web-form', 1250, 'EUR', now(), now(), 1), ('"
                        + UUID.randomUUID()
                        + "', '"
                        + tenant
                        + "', '"
                        + ana
                        + "', 'PAID', 'voice', 80, 'EUR', now(), now(), 1)");
        var offer =
                Assignments.of(AssignmentType.OFFERED, tenant, "o1", "c1", "a1", ana.toString());

        CustomerCard card = screenPop.cardFor(offer).join();

        assertThat(card.customerId()).isEqualTo(ana.toString());
        assertThat(card.displayName()).isEqualTo("Ana");
        assertThat(card.tier()).isEqualTo("gold");
        assertThat(card.openLeads())
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.stage()).isEqualTo("QUOTED");
                            assertThat(l.value()).isEqualByComparingTo("1250.00");
                            assertThat(l.currency()).isEqualTo("EUR");
                        });
        assertThat(card.lifetimeValue()).isNull();
        assertThat(card.segment()).isNull();
        assertThat(screenPop.cardFor(offer))
                .as("cached per offer")
                .isSameAs(screenPop.cardFor(offer));
    }

    private void update(String sql) {
        transactions.executeWrite(
                status -> {
                    try (var s = status.getConnection().createStatement()) {
                        return s.executeUpdate(sql);
                    }
                });
    }

    private List<RoutingCommand> commandsOf(String t, String... contactIds) {
        Set<String> ids = Set.of(contactIds);
        return SENT.sent().stream()
                .filter(c -> c.tenant().equals(t) && ids.contains(c.contactId()))
                .toList();
    }

    private JsonNode routeUnchecked(String t, String contactId, String number) {
        try {
            return route(t, contactId, number);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode route(String t, String contactId, String number) throws Exception {
        HttpResponse<String> response = routeCall(t, contactId, number);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
