package io.ringstream.routing.screenpop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.kafka.RecordingCommandSink;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/contacts/{contactId}/identification} over real HTTP and a real PostgreSQL
 * (TestDatabase): the AMI side's way to identify a caller, sharing the per-contact record with
 * {@code POST /v1/route}.
 */
@MicronautTest(transactional = false)
class IdentificationEndpointTest extends IdentificationApiFixture {
    private static final String NUMBER = "+34612345678";

    @MockBean(CommandSink.class)
    CommandSink recording() {
        return new RecordingCommandSink();
    }

    @Test
    void aKnownNumberInAnyFormatNamesItsCustomer() throws Exception {
        // given Ana's number, in a tenant reading national numbers as Spanish
        settings(tenant, "ES", true);
        UUID ana = create(tenant, IdentityKind.PHONE, NUMBER, "Ana");

        // when the bridge asks for a contact with the number written nationally
        HttpResponse<String> response = identify(tenant, "c1", "612 34 56 78");

        // then the answer names Ana, and nothing was created
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("customerId").asText()).isEqualTo(ana.toString());
        assertThat(answer.get("candidates")).isEmpty();
        assertThat(answer.get("createdLeadId").isNull()).isTrue();
        assertThat(count("SELECT count(*) FROM customers WHERE tenant = ?")).isEqualTo(1);
    }

    @Test
    void askingAgainAndThenRoutingTheContactGiveTheSameAnswerWithOneCustomerAndOneLead()
            throws Exception {
        // given an unknown number in a tenant that creates unknown callers (the default)
        // when the bridge asks twice, and then the PBX routes the same contact
        JsonNode first = JSON.readTree(ok(identify(tenant, "c1", NUMBER)));
        JsonNode second = JSON.readTree(ok(identify(tenant, "c1", NUMBER)));
        JsonNode routed = JSON.readTree(ok(routeCall(tenant, "c1", NUMBER)));

        // then every answer names the one customer created, with the one lead
        String created = first.get("customerId").asText();
        assertThat(first.get("createdLeadId").isNull()).isFalse();
        assertThat(second).isEqualTo(first);
        assertThat(routed.get("customerId").asText()).isEqualTo(created);
        assertThat(count("SELECT count(*) FROM customers WHERE tenant = ?")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM leads WHERE tenant = ?")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM contact_identifications WHERE tenant = ?"))
                .isEqualTo(1);
    }

    @Test
    void anotherTenantsCustomerNeverMatches() throws Exception {
        UUID theirs = create(tenant + "x", IdentityKind.PHONE, NUMBER, "Ana");
        settings(tenant, null, false);

        JsonNode answer = JSON.readTree(ok(identify(tenant, "c1", NUMBER)));

        assertThat(answer.get("customerId").isNull()).isTrue();
        assertThat(answer.get("candidates")).isEmpty();
        assertThat(answer.toString()).doesNotContain(theirs.toString());
        assertThat(count("SELECT count(*) FROM customers WHERE tenant = ?")).isZero();
    }

    @Test
    void aMissingNumberIsA400ProblemAndRecordsNothing() throws Exception {
        HttpResponse<String> missing = post(tenant, "c1", "{}");
        HttpResponse<String> blank = post(tenant, "c1", "{\"callerNumber\":\"  \"}");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(missing.body()).contains("callerNumber is required");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(count("SELECT count(*) FROM contact_identifications WHERE tenant = ?")).isZero();
    }

    @Test
    void aNumberThatIsNotAPhoneNumberIsA422ProblemAndCreatesNothing() throws Exception {
        settings(tenant, "ES", true);

        HttpResponse<String> letters = identify(tenant, "c1", "anonymous");
        HttpResponse<String> tooShort = identify(tenant, "c2", "12");

        assertThat(letters.statusCode()).as(letters.body()).isEqualTo(422);
        assertThat(letters.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(JSON.readTree(letters.body()).get("type").asText()).endsWith("identity-refused");
        assertThat(tooShort.statusCode()).as(tooShort.body()).isEqualTo(422);
        assertThat(count("SELECT count(*) FROM customers WHERE tenant = ?")).isZero();
        assertThat(count("SELECT count(*) FROM contact_identifications WHERE tenant = ?")).isZero();
    }

    @Test
    void aMalformedContactIdIsA400Problem() throws Exception {
        HttpResponse<String> response = identify(tenant, "c%20one", NUMBER);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("contactId must match");
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> identify(String t, String contactId, String number)
            throws Exception {
        return post(t, contactId, JSON.writeValueAsString(Map.of("callerNumber", number)));
    }

    private HttpResponse<String> post(String t, String contactId, String body) throws Exception {
        return send(t, "/v1/contacts/" + contactId + "/identification", body);
    }
}
