package io.ringstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.bridge.agi.FastAgiConfig;
import io.ringstream.bridge.agi.FastAgiServer;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.IdentityMatch;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FastAgiClient;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.SseClient;
import io.ringstream.testkit.TargetDirectories;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10's screen-pop, end to end: a call's Caller*ID number goes from the dialplan over FastAGI
 * through the real bridge to routing-service, which identifies the caller in PostgreSQL; the
 * routing job (Flink MiniCluster, through a real Kafka broker) offers the call to an agent, and the
 * agent's assignment stream shows the OFFERED with the caller's customer card. Each test is a
 * tenant of its own.
 */
class ScreenPopAcceptanceITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(1);

    private static final Duration TIMEOUT = RoutingStack.TIMEOUT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTE = "route?queue=support&skills=billing:1&language=es&tenant=";

    static final Path checkpoints = TargetDirectories.create("screen-pop-checkpoints-");
    private static JobClient job;
    private static EmbeddedServer service;

    private final RoutingApi api =
            new RoutingApi(
                    service.getURL().toString(),
                    "pop-" + UUID.randomUUID().toString().substring(0, 8),
                    RoutingStack.tokens());

    @BeforeAll
    static void startRouting() throws Exception {
        job =
                RoutingStack.startJob(
                        RoutingStack.jobConfig(
                                KAFKA.bootstrapServers(),
                                CLICKHOUSE.jdbcUrl(),
                                checkpoints.toString()));
        service = RoutingStack.startService(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl());
    }

    @AfterAll
    static void stopRouting() throws Exception {
        if (service != null) {
            service.close();
        }
        if (job != null) {
            job.cancel().get();
        }
    }

    @Test
    void aKnownCallersOfferCarriesTheirNameTierAndOpenLead() throws Exception {
        // given Ana, gold, known by her mobile in a tenant that reads national numbers as Spanish,
        // with an open lead
        settings("ES", true);
        UUID ana = customer("Ana García", "gold", "+34 612 345 678");
        JsonNode lead =
                api.asSupervisor(
                        "POST",
                        "/v1/customers/" + ana + "/leads",
                        Map.of(
                                "sourceChannel",
                                "web-form",
                                "campaign",
                                "summer",
                                "value",
                                "1250",
                                "currency",
                                "EUR"),
                        201);
        api.loginReady("p1", 5, "es");

        // when she calls, her number written the national way with spaces
        JsonNode card = offeredCard("p1", "1700000100.1", "612 34 56 78");

        // then the agent's offer names her, her tier and her open lead
        assertThat(card.get("customerId").asText()).isEqualTo(ana.toString());
        assertThat(card.get("displayName").asText()).isEqualTo("Ana García");
        assertThat(card.get("tier").asText()).isEqualTo("gold");
        assertThat(card.get("candidates")).isEmpty();
        assertThat(card.get("openLeads")).hasSize(1);
        JsonNode open = card.get("openLeads").get(0);
        assertThat(open.get("leadId").asText()).isEqualTo(lead.get("id").asText());
        assertThat(open.get("stage").asText()).isEqualTo("NEW");
        assertThat(open.get("value").decimalValue()).isEqualByComparingTo("1250.00");
        assertThat(open.get("currency").asText()).isEqualTo("EUR");
        // and nothing new was created for a caller we knew
        assertThat(api.getAsSupervisor("/v1/customers/" + ana + "/leads")).hasSize(1);
    }

    @Test
    void anUnknownCallerBecomesOneNewCustomerWithOneNewLeadThatTheOfferNames() throws Exception {
        api.loginReady("p2", 5, "es");

        JsonNode card = offeredCard("p2", "1700000200.2", "+44 20 7946 0123");

        // the offer names the customer the call created: one, holding the number
        IdentityMatch holder =
                service.getApplicationContext()
                        .getBean(CustomerResolver.class)
                        .find(api.tenant(), IdentityKind.PHONE, "+442079460123");
        assertThat(holder).isInstanceOf(IdentityMatch.One.class);
        String created = ((IdentityMatch.One) holder).customerId().toString();
        assertThat(card.get("customerId").asText()).isEqualTo(created);
        assertThat(card.get("displayName").isNull()).isTrue();
        // with one NEW lead from the voice call, on the card and in the lead API
        JsonNode leads = api.getAsSupervisor("/v1/customers/" + created + "/leads");
        assertThat(leads).hasSize(1);
        assertThat(leads.get(0).get("stage").asText()).isEqualTo("NEW");
        assertThat(leads.get(0).get("sourceChannel").asText()).isEqualTo("voice");
        assertThat(card.get("openLeads")).hasSize(1);
        assertThat(card.get("openLeads").get(0).get("leadId").asText())
                .isEqualTo(leads.get(0).get("id").asText());
    }

    /**
     * Routes a call from {@code callerId} through the bridge's FastAGI server to {@code agent}, who
     * must get it, and returns the customer card of the OFFERED on the agent's stream.
     */
    private JsonNode offeredCard(String agent, String uniqueId, String callerId) throws Exception {
        int port = freePort();
        try (SseClient desktop =
                        new SseClient(
                                api.http(),
                                api.base() + "/v1/agents/" + agent + "/assignments",
                                api.agentToken(agent));
                FastAgiServer agi =
                        FastAgiServer.start(
                                FastAgiConfig.of(URI.create(api.base()))
                                        .withToken(api.pbxToken())
                                        .withPort(port)
                                        .withRouteWait(Duration.ofSeconds(20)))) {
            await().atMost(TIMEOUT).until(() -> !desktop.events().isEmpty());
            await().atMost(TIMEOUT).until(() -> listening(port));

            Map<String, String> vars =
                    FastAgiClient.run(port, ROUTE + api.tenant(), uniqueId, callerId, Map.of())
                            .variables();
            assertThat(vars)
                    .containsEntry("RINGSTREAM_ACTION", "CONNECT")
                    .containsEntry("RINGSTREAM_AGENT", agent);

            SseClient.Received offered =
                    await().atMost(TIMEOUT)
                            .until(
                                    () ->
                                            desktop.events().stream()
                                                    .filter(e -> e.name().equals("OFFERED"))
                                                    .findFirst()
                                                    .orElse(null),
                                    e -> e != null);
            JsonNode assignment = JSON.readTree(offered.data());
            assertThat(assignment.get("contactId").asText()).isEqualTo(uniqueId);
            assertThat(assignment.get("customer").isObject())
                    .as("the OFFERED carries a card: %s", offered.data())
                    .isTrue();
            return assignment.get("customer");
        }
    }

    /** The tenant's customer settings, as its admin sets them. */
    private void settings(String defaultRegion, boolean createUnknownCallers) {
        api.asAdmin(
                "PUT",
                "/v1/admin/customer-settings",
                Map.of(
                        "defaultRegion",
                        defaultRegion,
                        "createUnknownCallers",
                        createUnknownCallers),
                200);
    }

    /**
     * A customer with a verified primary phone, created through the API as an agent's CRM would.
     */
    private UUID customer(String name, String tier, String phone) {
        JsonNode created =
                api.asSupervisor(
                        "POST",
                        "/v1/customers",
                        Map.of(
                                "displayName",
                                name,
                                "tier",
                                tier,
                                "identities",
                                List.of(
                                        Map.of(
                                                "kind",
                                                "PHONE",
                                                "value",
                                                phone,
                                                "verified",
                                                true,
                                                "primary",
                                                true))),
                        201);
        return UUID.fromString(created.get("id").asText());
    }

    private static ApplicationContext context() {
        return service.getApplicationContext();
    }

    private static boolean listening(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", port));
            return false;
        } catch (IOException inUse) {
            return true;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
