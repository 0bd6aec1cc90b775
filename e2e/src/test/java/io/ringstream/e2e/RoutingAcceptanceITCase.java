package io.ringstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.bridge.agi.FastAgiConfig;
import io.ringstream.bridge.agi.FastAgiServer;
import io.ringstream.clickhouse.Table;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.topics.Topics;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 3's acceptance, end to end: the PBX and agent desktops talk HTTP to a real routing-service,
 * which talks to the routing job on a Flink MiniCluster only through a real Kafka broker; decisions
 * land in a real clickhouse-server. Each test is a tenant of its own. The queue "support" needs
 * billing >= 4 for 3 s, then >= 2 for 3 s, then anyone; offers ring 5 s.
 */
class RoutingAcceptanceITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(1);

    private static final Duration TIMEOUT = RoutingStack.TIMEOUT;
    private static final Map<String, Integer> ANY_BILLING = Map.of("billing", 1);

    static final Path checkpoints = TargetDirectories.create("checkpoints-");
    private static JobClient job;
    private static EmbeddedServer service;

    private final RoutingApi api =
            new RoutingApi(
                    service.getURL().toString(),
                    "e2e-" + UUID.randomUUID().toString().substring(0, 8),
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
    void aCallNeedingSpanishAndBillingReachesTheProficientSpanishBillingAgent() {
        api.loginReady("es-5", 5, "es");
        api.loginReady("es-2", 2, "es");
        api.loginReady("en-5", 5, "en");

        JsonNode answer = api.route("c1", ANY_BILLING, 20_000);

        assertThat(answer.get("action").asText()).isEqualTo("CONNECT");
        assertThat(answer.get("target").asText()).isEqualTo("PJSIP/es-5");
        assertThat(answer.get("step").asInt()).isEqualTo(1);
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                CLICKHOUSE.query(
                                                        "SELECT chosen_agent_id, step,"
                                                                + " eligible_count, candidates FROM"
                                                                + " "
                                                                + Table.ROUTING_DECISIONS
                                                                        .qualifiedName()
                                                                + " FINAL"
                                                                + " WHERE tenant = '"
                                                                + api.tenant()
                                                                + "'"))
                                        .singleElement()
                                        .satisfies(
                                                row -> {
                                                    assertThat(row.subList(0, 3))
                                                            .containsExactly("es-5", "1", "1");
                                                    assertThat(row.get(3))
                                                            .contains(
                                                                    "\"agentId\":\"en-5\"",
                                                                    "\"agentId\":\"es-2\"");
                                                }));
    }

    @Test
    void withThatAgentBusyTheCallRelaxesToTheNextStepAfterTheStepsTime() {
        api.loginReady("es-5", 5, "es");
        api.loginReady("es-2", 2, "es");
        JsonNode first = api.route("c0", ANY_BILLING, 20_000);
        assertThat(first.get("target").asText()).isEqualTo("PJSIP/es-5");
        api.accept("es-5", first.get("offerId").asText());
        await().atMost(TIMEOUT).until(() -> "BUSY".equals(api.agentState("es-5")));

        JsonNode waiting = api.route("c1", ANY_BILLING, 0);
        assertThat(waiting.get("action").asText())
                .as("step 1 needs billing >= 4 and the only such agent is busy")
                .isEqualTo("WAIT");

        JsonNode relaxed =
                await().atMost(TIMEOUT)
                        .until(
                                () -> api.route("c1", ANY_BILLING, 1_000),
                                a -> a.get("action").asText().equals("CONNECT"));
        assertThat(relaxed.get("target").asText()).isEqualTo("PJSIP/es-2");
        assertThat(relaxed.get("step").asInt()).isEqualTo(2);
    }

    @Test
    void aRejectedOfferGoesToAnotherAgentAndATimedOutOfferIsOfferedAgain() {
        api.loginReady("a1", 5, "es");
        api.loginReady("a2", 4, "es");
        api.loginReady("a3", 4, "es");
        JsonNode first = api.route("c1", ANY_BILLING, 20_000);
        assertThat(first.get("agentId").asText()).isEqualTo("a1");

        api.reject("a1", first.get("offerId").asText());
        JsonNode second =
                await().atMost(TIMEOUT)
                        .until(
                                () -> api.route("c1", ANY_BILLING, 1_000),
                                a -> a.has("agentId") && !a.get("agentId").asText().equals("a1"));
        String secondAgent = second.get("agentId").asText();
        assertThat(secondAgent).isIn("a2", "a3");

        // Nobody answers the second offer: after 5 s it times out and goes to the third agent.
        JsonNode third =
                await().atMost(TIMEOUT)
                        .until(
                                () -> api.route("c1", ANY_BILLING, 1_000),
                                a ->
                                        a.has("agentId")
                                                && !Set.of("a1", secondAgent)
                                                        .contains(a.get("agentId").asText()));
        assertThat(third.get("agentId").asText()).isIn("a2", "a3").isNotEqualTo(secondAgent);
        assertThat(
                        KAFKA.awaitRecords(
                                Topics.ROUTING_ASSIGNMENTS,
                                a ->
                                        a.tenant().equals(api.tenant())
                                                && a.type() == AssignmentType.TIMED_OUT,
                                1,
                                TIMEOUT))
                .singleElement()
                .satisfies(a -> assertThat(a.agentId()).isEqualTo(secondAgent));
    }

    @Test
    void anAgentInWrapUpReceivesNothing() {
        api.loginReady("a1", 5, "es");
        try (SseClient a1 =
                new SseClient(
                        api.http(),
                        api.base() + "/v1/agents/a1/assignments?tenant=" + api.tenant(),
                        api.agentToken("a1"))) {
            // The desktop's stream is live before anything is offered.
            await().atMost(TIMEOUT).until(() -> !a1.events().isEmpty());
            JsonNode first = api.route("c1", ANY_BILLING, 20_000);
            api.accept("a1", first.get("offerId").asText());
            api.endContact("c1");
            await().atMost(TIMEOUT).until(() -> "WRAP_UP".equals(api.agentState("a1")));

            assertThat(api.route("c2", ANY_BILLING, 1_000).get("action").asText())
                    .isEqualTo("WAIT");
            // A less proficient agent who frees up later gets the call the agent in wrap-up
            // would otherwise have won.
            api.loginReady("a2", 4, "es");
            JsonNode second =
                    await().atMost(TIMEOUT)
                            .until(
                                    () -> api.route("c2", ANY_BILLING, 1_000),
                                    a -> a.get("action").asText().equals("CONNECT"));

            assertThat(second.get("agentId").asText()).isEqualTo("a2");
            assertThat(api.agentState("a1")).isEqualTo("WRAP_UP");
            await().atMost(TIMEOUT)
                    .until(() -> a1.events().stream().anyMatch(e -> e.name().equals("ACCEPTED")));
            assertThat(a1.events())
                    .extracting(SseClient.Received::name)
                    .containsExactly("CONNECTED", "OFFERED", "ACCEPTED");
            assertThat(a1.events().get(1).data()).contains("\"contactId\":\"c1\"");
        }
    }

    @Test
    void aCallTransferredUnderTheSameIdIsRoutedAgainWhileItsFirstAgentWrapsUp() {
        api.loginReady("first", 5, "es");
        JsonNode answered = api.route("c1", ANY_BILLING, 20_000);
        assertThat(answered.get("agentId").asText()).isEqualTo("first");
        String offer = answered.get("offerId").asText();
        api.accept("first", offer);
        await().atMost(TIMEOUT).until(() -> "BUSY".equals(api.agentState("first")));
        api.loginReady("second", 4, "es");

        // The PBX keeps the caller's Uniqueid on a blind transfer and asks again, naming the offer
        // the caller leaves; asked before, routing would send the caller back to "first".
        JsonNode moved =
                await().atMost(TIMEOUT)
                        .until(
                                () -> api.transfer("c1", offer, 1_000),
                                a -> a.get("action").asText().equals("CONNECT"));

        assertThat(moved.get("agentId").asText()).isEqualTo("second");
        assertThat(moved.get("offerId").asText()).isNotEqualTo(offer);
        await().atMost(TIMEOUT).until(() -> "WRAP_UP".equals(api.agentState("first")));
    }

    @Test
    void theDialplanGetsItsTargetOverFastAgiAndReportsTheAnswer() throws Exception {
        api.loginReady("f1", 5, "es");
        int port = freePort();
        try (FastAgiServer agi =
                FastAgiServer.start(
                        FastAgiConfig.of(URI.create(api.base()))
                                .withToken(api.pbxToken())
                                .withPort(port)
                                .withRouteWait(Duration.ofSeconds(20)))) {
            await().atMost(TIMEOUT).until(() -> listening(port));

            Map<String, String> vars =
                    FastAgiClient.run(
                                    port,
                                    "route?queue=support&skills=billing:1&language=es&tenant="
                                            + api.tenant(),
                                    "1700000000.77",
                                    Map.of())
                            .variables();
            assertThat(vars)
                    .containsEntry("RINGSTREAM_ACTION", "CONNECT")
                    .containsEntry("RINGSTREAM_TARGET", "PJSIP/f1")
                    .containsEntry("RINGSTREAM_AGENT", "f1");

            FastAgiClient.run(port, "route-result?status=ANSWER", "1700000000.77", vars);
            await().atMost(TIMEOUT).until(() -> "BUSY".equals(api.agentState("f1")));
        }
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
