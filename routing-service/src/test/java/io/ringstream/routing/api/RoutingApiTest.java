package io.ringstream.routing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.IdentityMatch;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.kafka.RecordingCommandSink;
import io.ringstream.routing.live.Assignments;
import io.ringstream.routing.live.RoutingView;
import io.ringstream.routing.security.AgentEndpoints;
import io.ringstream.routing.security.TestTokens;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.TenantRecord;
import io.ringstream.security.endpoints.EndpointPolicy;
import io.ringstream.testkit.SseClient;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routing API's HTTP shape over a real server: answers, problems, SSE, OpenAPI. The routing
 * job's outputs are fed into the view directly and commands are recorded; the Kafka path is covered
 * by RoutingServiceITCase and the end-to-end tests.
 */
@MicronautTest
@Property(name = "ringstream.routing.route-wait", value = "200ms")
class RoutingApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingCommandSink SENT = new RecordingCommandSink();

    @Inject EmbeddedServer server;
    @Inject RoutingView view;
    @Inject CustomerResolver customers;
    @Inject TransactionOperations<java.sql.Connection> transactions;
    @Inject AgentEndpoints endpoints;
    @Inject CredentialStore store;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);

    @MockBean(CommandSink.class)
    CommandSink recording() {
        return SENT;
    }

    private HttpResponse<String> post(String token, String path, String body) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(server.getURL() + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String pbx() {
        return TestTokens.pbx(tenant);
    }

    private String agent(String agentId) {
        return TestTokens.agent(tenant, agentId);
    }

    private String route(String contactId, String extra) {
        return "{\"tenant\":\""
                + tenant
                + "\",\"contactId\":\""
                + contactId
                + "\",\"queue\":\"support\",\"skills\":{\"billing\":2},\"language\":\"es\""
                + extra
                + "}";
    }

    private List<RoutingCommand> sentFor(String contactOrAgent) {
        return SENT.sent().stream()
                .filter(c -> c.tenant().equals(tenant))
                .filter(
                        c ->
                                contactOrAgent.equals(c.contactId())
                                        || contactOrAgent.equals(c.agentId()))
                .toList();
    }

    @BeforeEach
    void agentsAreReachedAtShortNames() {
        // Assignments name endpoints PJSIP/<agent id>, e.g. PJSIP/a1.
        store.putTenant(
                new TenantRecord(tenant, new EndpointPolicy(Set.of("PJSIP"), "[a-z0-9]{1,8}")));
    }

    @Test
    void routeAnswersWaitWithThePositionThenConnectOnceOffered() throws Exception {
        view.apply(Assignments.waiting(tenant, System.currentTimeMillis(), "c0", "c1"));

        HttpResponse<String> waiting = post(pbx(), "/v1/route", route("c1", ""));

        assertThat(waiting.statusCode()).isEqualTo(200);
        // The bridge reads this with Jackson: every field, in order, nulls written.
        assertThat(waiting.body())
                .isEqualTo(
                        "{\"action\":\"WAIT\",\"tenant\":\""
                                + tenant
                                + "\",\"contactId\":\"c1\",\"queue\":\"support\",\"target\":null,"
                                + "\"agentId\":null,\"offerId\":null,\"step\":null,\"position\":2,"
                                + "\"estimatedWaitSeconds\":60,\"retryAfterSeconds\":5,"
                                + "\"customerId\":null}");
        JsonNode w = JSON.readTree(waiting.body());
        assertThat(w.get("action").asText()).isEqualTo("WAIT");
        assertThat(w.get("position").asInt()).isEqualTo(2);
        assertThat(w.get("estimatedWaitSeconds").asInt()).isEqualTo(60);
        assertThat(w.get("retryAfterSeconds").asInt()).isEqualTo(5);
        assertThat(sentFor("c1"))
                .singleElement()
                .satisfies(c -> assertThat(c.type()).isEqualTo(RoutingCommandType.CONTACT_QUEUED));

        view.apply(Assignments.of(AssignmentType.OFFERED, tenant, "o1", "c1", "a1"));
        JsonNode connect = JSON.readTree(post(pbx(), "/v1/route", route("c1", "")).body());

        assertThat(connect.get("action").asText()).isEqualTo("CONNECT");
        assertThat(connect.get("target").asText()).isEqualTo("PJSIP/a1");
        assertThat(connect.get("offerId").asText()).isEqualTo("o1");
        assertThat(sentFor("c1")).as("asking again queues nothing new").hasSize(1);
    }

    @Test
    void anEndpointTheTenantDoesNotAllowIsNeverHandedToThePbx() throws Exception {
        view.apply(Assignments.of(AssignmentType.OFFERED, tenant, "o9", "c9", "a1"));
        store.putTenant(new TenantRecord(tenant, EndpointPolicy.DEFAULT)); // digits only

        HttpResponse<String> refused = post(pbx(), "/v1/route", route("c9", ""));

        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.body()).contains("endpoint-refused").doesNotContain("PJSIP/a1");
    }

    @Test
    void aRouteRequestWithTransferFromHandsTheContactOn() throws Exception {
        view.apply(Assignments.of(AssignmentType.OFFERED, tenant, "o1", "c3", "a1"));
        view.apply(Assignments.of(AssignmentType.ACCEPTED, tenant, "o1", "c3", "a1"));

        HttpResponse<String> response =
                post(pbx(), "/v1/route", route("c3", ",\"transferFrom\":\"o1\",\"waitMillis\":0"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("action").asText()).isEqualTo("WAIT");
        assertThat(sentFor("c3"))
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.type()).isEqualTo(RoutingCommandType.CONTACT_TRANSFERRED);
                            assertThat(c.offerId()).isEqualTo("o1");
                        });
    }

    @Test
    void invalidRouteRequestsAreProblems() throws Exception {
        HttpResponse<String> missing =
                post(
                        pbx(),
                        "/v1/route",
                        "{\"tenant\":\"" + tenant + "\",\"contactId\":\"c/1\",\"waitMillis\":-1}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type"))
                .contains("application/problem+json");
        JsonNode problem = JSON.readTree(missing.body());
        assertThat(problem.get("type").asText())
                .isEqualTo("https://ringstream.io/problems/invalid-request");
        assertThat(problem.get("detail").asText())
                .contains(
                        "contact.queue is required", "contactId must match", "waitMillis must be");

        HttpResponse<String> badTransfer =
                post(pbx(), "/v1/route", route("c2", ",\"transferFrom\":\"o 1\""));
        assertThat(badTransfer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badTransfer.body()).get("detail").asText())
                .contains("transferFrom must match");

        HttpResponse<String> badLevel =
                post(
                        pbx(),
                        "/v1/route",
                        route("c2", ",\"priority\":1").replace("\"billing\":2", "\"billing\":7"));
        assertThat(badLevel.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badLevel.body()).get("detail").asText())
                .contains("proficiency of billing must be 1..5");

        HttpResponse<String> malformed = post(pbx(), "/v1/route", "{\"contactId\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type"))
                .contains("application/problem+json");
        assertThat(sentFor("c2")).isEmpty();
    }

    @Test
    void agentCommandsAreAcceptedAndSent() throws Exception {
        endpoints.set(tenant, "a1", "PJSIP/1001");
        HttpResponse<String> login =
                post(
                        agent("a1"),
                        "/v1/agents/a1/login",
                        "{\"tenant\":\""
                                + tenant
                                + "\",\"endpoint\":\"PJSIP/1001\",\"skills\":{\"billing\":5},"
                                + "\"languages\":[\"es\"],\"queues\":[\"support\"],"
                                + "\"capacity\":{\"VOICE\":1,\"CHAT\":2},\"seniority\":3}");
        HttpResponse<String> notReady =
                post(
                        agent("a1"),
                        "/v1/agents/a1/state",
                        "{\"tenant\":\""
                                + tenant
                                + "\",\"state\":\"NOT_READY\",\"reason\":\"break\"}");
        HttpResponse<String> wrapUp =
                post(agent("a1"), "/v1/agents/a1/wrap-up-done?tenant=" + tenant, "");
        HttpResponse<String> noReason =
                post(
                        agent("a1"),
                        "/v1/agents/a1/state",
                        "{\"tenant\":\"" + tenant + "\",\"state\":\"NOT_READY\"}");
        HttpResponse<String> noQueues =
                post(
                        agent("a1"),
                        "/v1/agents/a1/login",
                        "{\"tenant\":\"" + tenant + "\",\"queues\":[]}");

        assertThat(List.of(login.statusCode(), notReady.statusCode(), wrapUp.statusCode()))
                .containsOnly(202);
        assertThat(JSON.readTree(login.body()).get("type").asText()).isEqualTo("AGENT_LOGIN");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noQueues.statusCode()).isEqualTo(400);
        assertThat(sentFor("a1"))
                .extracting(RoutingCommand::type)
                .containsExactly(
                        RoutingCommandType.AGENT_LOGIN,
                        RoutingCommandType.AGENT_NOT_READY,
                        RoutingCommandType.WRAP_UP_ENDED);
        RoutingCommand sentLogin = sentFor("a1").get(0);
        assertThat(sentLogin.agent().endpoint()).isEqualTo("PJSIP/1001");
        assertThat(sentLogin.agent().seniority()).isEqualTo(3);
        assertThat(sentLogin.agent().capacity()).hasSize(2);
    }

    @Test
    void offersCanOnlyBeAnsweredByTheirAgentWhilePending() throws Exception {
        view.apply(Assignments.of(AssignmentType.OFFERED, tenant, "o7", "c7", "a7"));

        HttpResponse<String> unknown =
                post(agent("a7"), "/v1/agents/a7/offers/nope/accept?tenant=" + tenant, "");
        HttpResponse<String> otherAgent =
                post(agent("a8"), "/v1/agents/a8/offers/o7/accept?tenant=" + tenant, "");
        HttpResponse<String> reject =
                post(
                        agent("a7"),
                        "/v1/agents/a7/offers/o7/reject",
                        "{\"tenant\":\"" + tenant + "\",\"reason\":\"busy\"}");
        view.apply(Assignments.of(AssignmentType.REJECTED, tenant, "o7", "c7", "a7"));
        HttpResponse<String> late =
                post(agent("a7"), "/v1/agents/a7/offers/o7/accept?tenant=" + tenant, "");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("type").asText()).endsWith("/unknown-offer");
        assertThat(otherAgent.statusCode()).isEqualTo(409);
        assertThat(reject.statusCode()).isEqualTo(202);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(late.body()).get("detail").asText()).contains("REJECTED");
        assertThat(sentFor("a7"))
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.type()).isEqualTo(RoutingCommandType.OFFER_REJECTED);
                            assertThat(c.reason()).isEqualTo("busy");
                        });
    }

    @Test
    void theAgentStreamDeliversPendingThenNewOffersWithTheCustomersSummary() throws Exception {
        String k1 =
                ((IdentityMatch.Created)
                                customers.findOrCreate(
                                        tenant, IdentityKind.PHONE, "+34612345678", "test", "Ana"))
                        .customerId()
                        .toString();
        transactions.executeWrite(
                status -> {
                    try (java.sql.Statement s = status.getConnection().createStatement()) {
                        return s.executeUpdate(
                                "UPDATE customers SET tier = 'gold' WHERE id = '" + k1 + "'");
                    }
                });
        view.apply(Assignments.of(AssignmentType.OFFERED, tenant, "o1", "c1", "a1"));

        try (SseClient stream =
                new SseClient(
                        http,
                        server.getURL() + "/v1/agents/a1/assignments?tenant=" + tenant,
                        agent("a1"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events().size() == 2);
            view.apply(Assignments.of(AssignmentType.TIMED_OUT, tenant, "o1", "c1", "a1"));
            view.apply(Assignments.of(AssignmentType.OFFERED, tenant, "o2", "c2", "a1", k1));
            view.apply(Assignments.of(AssignmentType.OFFERED, tenant, "o3", "c3", "someone-else"));

            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events().size() == 4);
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.events())
                    .extracting(SseClient.Received::name)
                    .containsExactly("CONNECTED", "OFFERED", "TIMED_OUT", "OFFERED");
            assertThat(JSON.readTree(stream.events().get(0).data()).get("agentId").asText())
                    .isEqualTo("a1");
            JsonNode withCustomer = JSON.readTree(stream.events().get(3).data());
            assertThat(withCustomer.get("offerId").asText()).isEqualTo("o2");
            assertThat(withCustomer.get("customer").get("displayName").asText()).isEqualTo("Ana");
            assertThat(withCustomer.get("customer").get("customerId").asText()).isEqualTo(k1);
            assertThat(withCustomer.get("customer").get("tier").asText()).isEqualTo("gold");
            assertThat(JSON.readTree(stream.events().get(1).data()).get("customer").isNull())
                    .isTrue();
        }
    }

    @Test
    void theSupervisorSeesTheLatestSnapshot() throws Exception {
        assertThat(
                        JSON.readTree(
                                        get(
                                                        TestTokens.supervisor(tenant),
                                                        "/v1/supervisor/live?tenant=" + tenant)
                                                .body())
                                .get("queues"))
                .isEmpty();
        view.apply(Assignments.waiting(tenant, Assignments.T0, "c1"));

        JsonNode live =
                JSON.readTree(
                        get(TestTokens.supervisor(tenant), "/v1/supervisor/live?tenant=" + tenant)
                                .body());

        assertThat(live.get("asOf").asLong()).isEqualTo(Assignments.T0);
        assertThat(live.get("queues").get(0).get("contacts").get(0).get("contactId").asText())
                .isEqualTo("c1");
        assertThat(live.get("agents").get(0).get("state").asText()).isEqualTo("BUSY");
        assertThat(
                        get(TestTokens.supervisor(tenant), "/v1/supervisor/live?tenant=Bad!")
                                .statusCode())
                .as("naming another tenant than the token's")
                .isEqualTo(403);
    }

    @Test
    void theOpenApiDocumentIsServedFromTheCode() throws Exception {
        HttpResponse<String> doc = get(null, "/openapi/routing-service-v1.yml");

        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.body())
                .contains("openapi: 3.")
                .contains("/v1/route:", "/v1/agents/{agentId}/login:", "/v1/supervisor/live:")
                .contains("/v1/agents/{agentId}/assignments:", "/v1/supervisor/alerts:")
                .contains("RouteRequest", "RouteAnswer")
                .contains("bearerFormat: JWT", "/v1/auth/login:", "/v1/admin/users:");
    }
}
