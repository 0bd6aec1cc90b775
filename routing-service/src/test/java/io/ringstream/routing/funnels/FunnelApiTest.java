package io.ringstream.routing.funnels;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.Attribution;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.topics.Topics;
import io.ringstream.routing.leads.ApiClient;
import io.ringstream.routing.leads.ApiClient.Answer;
import io.ringstream.routing.leads.Rows;
import io.ringstream.routing.security.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/admin/funnels} over the real server and PostgreSQL: a valid definition is published
 * (outbox, topic funnel-definitions) with the envelope filled from the token and answered 202; an
 * invalid one is a 422 problem listing every violation and publishes nothing; an agent is refused;
 * a tenant only ever writes its own funnels; DELETE republishes the last definition inactive.
 */
@MicronautTest(transactional = false)
class FunnelApiTest {
    private static final String SALES =
            "{\"name\":\"Sales\",\"windowMillis\":2592000000,\"orderMode\":\"ORDERED\","
                    + "\"attribution\":\"LAST_TOUCH\",\"steps\":["
                    + "{\"name\":\"quoted\",\"kind\":\"BUSINESS\",\"eventType\":\"STAGE_CHANGED\","
                    + "\"stage\":\"QUOTED\"},"
                    + "{\"name\":\"booked\",\"kind\":\"BUSINESS\",\"eventType\":\"BOOKING_MADE\"}]}";

    @Inject EmbeddedServer server;
    @Inject TransactionOperations<Connection> transactions;
    @Inject JdbcOperations jdbc;

    private ApiClient api;
    private Rows rows;
    private String tenant;
    private String supervisor;

    @BeforeEach
    void setUp() {
        api = new ApiClient(server.getURL());
        rows = new Rows(transactions, jdbc);
        tenant = "f" + UUID.randomUUID().toString().substring(0, 8);
        supervisor = TestTokens.supervisor(tenant);
    }

    private Answer put(String token, String path, String body) {
        return api.send(token, "PUT", path, body);
    }

    @Test
    void aValidDefinitionIsPublishedWithTheTokensTenantAnd202() {
        Answer answer = put(supervisor, "/v1/admin/funnels/sales", SALES);

        assertThat(answer.status()).as("%s", answer).isEqualTo(202);
        assertThat(answer.json().get("tenant").asText()).isEqualTo(tenant);
        assertThat(answer.json().get("funnelId").asText()).isEqualTo("sales");
        assertThat(answer.json().get("active").asBoolean()).isTrue();
        List<FunnelDefinition> published = rows.outbox(Topics.FUNNEL_DEFINITIONS, tenant);
        assertThat(published).hasSize(1);
        FunnelDefinition d = published.get(0);
        assertThat(d.violations()).isEmpty();
        assertThat(d.eventId()).isEqualTo(answer.json().get("eventId").asText());
        assertThat(d.source()).isEqualTo(FunnelService.SOURCE);
        assertThat(d.name()).isEqualTo("Sales");
        assertThat(d.windowMillis()).isEqualTo(2_592_000_000L);
        assertThat(d.orderMode()).isEqualTo(OrderMode.ORDERED);
        assertThat(d.attribution()).isEqualTo(Attribution.LAST_TOUCH);
        assertThat(d.steps())
                .extracting(FunnelDefinition.Step::name, FunnelDefinition.Step::stage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("quoted", "QUOTED"),
                        org.assertj.core.groups.Tuple.tuple("booked", null));
        assertThat(api.get(supervisor, "/v1/admin/funnels").json().get(0).get("eventId"))
                .isEqualTo(answer.json().get("eventId"));
    }

    @Test
    void anInvalidDefinitionIs422ListingEveryViolationAndPublishesNothing() {
        Answer answer =
                put(
                        supervisor,
                        "/v1/admin/funnels/bad",
                        "{\"name\":\"\",\"windowMillis\":0,\"orderMode\":\"SOMETIMES\","
                                + "\"attribution\":\"LAST_TOUCH\",\"steps\":["
                                + "{\"name\":\"a\",\"kind\":\"BUSINESS\",\"eventType\":\"NOPE\"},"
                                + "{\"name\":\"a\",\"kind\":\"CONTACT\",\"eventType\":\"ANSWERED\","
                                + "\"stage\":\"QUOTED\"}]}");

        assertThat(answer.status()).as("%s", answer).isEqualTo(422);
        assertThat(answer.problem()).isEqualTo("invalid-funnel");
        String detail = answer.json().get("detail").asText();
        assertThat(detail)
                .contains("orderMode must be one of [ORDERED, STRICT], got 'SOMETIMES'")
                .contains("name")
                .contains("windowMillis must be 1..")
                .contains("steps[0]: unknown BUSINESS event type 'NOPE'")
                .contains("steps[1]: duplicate step name 'a'")
                .contains("steps[1].stage is only for BUSINESS STAGE_CHANGED")
                .doesNotContain("orderMode is required");
        assertThat(rows.outbox(Topics.FUNNEL_DEFINITIONS, tenant)).isEmpty();
    }

    @Test
    void anAgentIsRefused() {
        Answer answer = put(TestTokens.agent(tenant, "1001"), "/v1/admin/funnels/sales", SALES);

        assertThat(answer.status()).as("%s", answer).isEqualTo(403);
        assertThat(rows.outbox(Topics.FUNNEL_DEFINITIONS, tenant)).isEmpty();
    }

    @Test
    void aTenantWritesOnlyItsOwnFunnels() {
        String other = "g" + UUID.randomUUID().toString().substring(0, 8);
        String otherAdmin = TestTokens.admin(other);

        Answer naming = put(otherAdmin, "/v1/admin/funnels/sales?tenant=" + tenant, SALES);
        Answer own = put(otherAdmin, "/v1/admin/funnels/sales", SALES);

        assertThat(naming.status()).as("%s", naming).isEqualTo(403);
        assertThat(own.status()).as("%s", own).isEqualTo(202);
        assertThat(rows.outbox(Topics.FUNNEL_DEFINITIONS, tenant)).isEmpty();
        assertThat(rows.outbox(Topics.FUNNEL_DEFINITIONS, other))
                .singleElement()
                .extracting(FunnelDefinition::tenant)
                .isEqualTo(other);
        assertThat(api.get(supervisor, "/v1/admin/funnels").json()).isEmpty();
        assertThat(api.send(supervisor, "DELETE", "/v1/admin/funnels/sales", null).status())
                .as("another tenant's funnel is not found")
                .isEqualTo(404);
    }

    @Test
    void deleteRepublishesTheLastDefinitionInactive() {
        put(supervisor, "/v1/admin/funnels/sales", SALES);

        Answer answer =
                api.send(TestTokens.admin(tenant), "DELETE", "/v1/admin/funnels/sales", null);

        assertThat(answer.status()).as("%s", answer).isEqualTo(202);
        List<FunnelDefinition> published = rows.outbox(Topics.FUNNEL_DEFINITIONS, tenant);
        assertThat(published).extracting(FunnelDefinition::active).containsExactly(true, false);
        assertThat(published.get(1).steps()).isEqualTo(published.get(0).steps());
        assertThat(published.get(1).eventId()).isNotEqualTo(published.get(0).eventId());
        assertThat(api.get(supervisor, "/v1/admin/funnels").json().get(0).get("active").asBoolean())
                .isFalse();
    }
}
