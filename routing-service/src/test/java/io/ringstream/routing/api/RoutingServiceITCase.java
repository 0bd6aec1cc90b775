package io.ringstream.routing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.topics.Topics;
import io.ringstream.routing.kafka.RoutingFeeds;
import io.ringstream.routing.live.Assignments;
import io.ringstream.routing.security.TestTokens;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.TenantRecord;
import io.ringstream.security.endpoints.EndpointPolicy;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.SseClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * routing-service on a real Kafka broker, playing the routing job's part by hand: route requests
 * become commands on routing-commands, assignments and snapshots on the job's topics answer the
 * PBX, CRM events reach the agent's stream, alerts reach the supervisor's, and a bad record on a
 * topic the service reads becomes a dead letter.
 */
class RoutingServiceITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static EmbeddedServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String tenant = "it" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startService() {
        server =
                ApplicationContext.run(
                        EmbeddedServer.class,
                        Map.of(
                                "ringstream.kafka.bootstrap",
                                KAFKA.bootstrapServers(),
                                "micronaut.server.port",
                                -1));
        RoutingFeeds feeds = server.getApplicationContext().getBean(RoutingFeeds.class);
        await().atMost(TIMEOUT).until(feeds::ready);
    }

    @AfterAll
    static void stopService() {
        if (server != null) {
            server.close();
        }
    }

    private CompletableFuture<HttpResponse<String>> post(String path, String body) {
        return HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(server.getURL() + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TestTokens.pbx(tenant))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @BeforeEach
    void agentsAreReachedAtShortNames() {
        // Assignments name endpoints PJSIP/<agent id>, e.g. PJSIP/a1.
        server.getApplicationContext()
                .getBean(CredentialStore.class)
                .putTenant(
                        new TenantRecord(
                                tenant, new EndpointPolicy(Set.of("PJSIP"), "[a-z0-9]{1,8}")));
    }

    @Test
    void aRouteRequestIsQueuedOnKafkaAndAnsweredByTheJobsOffer() throws Exception {
        CompletableFuture<HttpResponse<String>> answer =
                post(
                        "/v1/route",
                        "{\"tenant\":\""
                                + tenant
                                + "\",\"contactId\":\"c1\",\"queue\":\"support\","
                                + "\"skills\":{\"billing\":2},\"language\":\"es\","
                                + "\"customerId\":\"k1\",\"waitMillis\":20000}");

        RoutingCommand queued =
                KAFKA.awaitRecords(
                                Topics.ROUTING_COMMANDS, c -> c.tenant().equals(tenant), 1, TIMEOUT)
                        .get(0);
        assertThat(queued.type()).isEqualTo(RoutingCommandType.CONTACT_QUEUED);
        assertThat(queued.contact().language()).isEqualTo("es");
        assertThat(queued.contact().customerId()).isEqualTo("k1");
        assertThat(answer).isNotDone();

        KAFKA.produce(
                Topics.ROUTING_ASSIGNMENTS,
                Assignments.of(AssignmentType.OFFERED, tenant, "o1", "c1", "a1", "k1"));

        JsonNode body = JSON.readTree(answer.get().body());
        assertThat(body.get("action").asText()).isEqualTo("CONNECT");
        assertThat(body.get("target").asText()).isEqualTo("PJSIP/a1");
    }

    @Test
    void alertsReachTheSupervisorStream() throws Exception {
        try (SseClient alerts =
                new SseClient(
                        HTTP,
                        server.getURL() + "/v1/supervisor/alerts?tenant=" + tenant,
                        TestTokens.supervisor(tenant))) {
            await().atMost(TIMEOUT).until(() -> alerts.status() != 0);
            KAFKA.produce(
                    Topics.SUPERVISOR_ALERTS,
                    SupervisorAlert.of(
                            "al-" + tenant,
                            SupervisorAlert.Kind.SLA_BREACH,
                            tenant,
                            "c9",
                            System.currentTimeMillis(),
                            "sla",
                            "support",
                            null,
                            SupervisorAlert.Severity.CRITICAL,
                            "c9 waited past 20 s",
                            Map.of()));

            await().atMost(TIMEOUT).until(() -> !alerts.events().isEmpty());
            assertThat(alerts.status()).isEqualTo(200);
            assertThat(alerts.events().get(0).name()).isEqualTo("SLA_BREACH");
            assertThat(alerts.events().get(0).data()).contains("c9 waited past 20 s");
        }
    }

    @Test
    void theLiveViewFollowsSnapshotsAndBadRecordsBecomeDeadLetters() throws Exception {
        KAFKA.produce(
                Topics.ROUTING_STATUS,
                Assignments.waiting(tenant, System.currentTimeMillis(), "w1", "w2"));
        String marker = "broken-" + tenant;
        KAFKA.produceRaw(
                Topics.ROUTING_ASSIGNMENTS.name(),
                tenant,
                ("{\"offerId\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8));

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            HttpResponse<String> live =
                                    HTTP.send(
                                            HttpRequest.newBuilder(
                                                            URI.create(
                                                                    server.getURL()
                                                                            + "/v1/supervisor/live?tenant="
                                                                            + tenant))
                                                    .header(
                                                            "Authorization",
                                                            "Bearer "
                                                                    + TestTokens.supervisor(tenant))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString());
                            JsonNode queues = JSON.readTree(live.body()).get("queues");
                            assertThat(queues).hasSize(1);
                            assertThat(queues.get(0).get("waiting").asInt()).isEqualTo(2);
                        });
        List<DeadLetter> rejected =
                KAFKA.awaitRecords(
                        Topics.DEAD_LETTERS, d -> d.payload().contains(marker), 1, TIMEOUT);
        assertThat(rejected.get(0).component()).isEqualTo("routing-service");
        assertThat(rejected.get(0).reason()).startsWith("malformed Assignment");
    }
}
