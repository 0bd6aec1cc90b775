package io.ringstream.routing.wallboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ringstream.events.RoutingStatus;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.routing.alerts.AlertFeed;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.kafka.RecordingCommandSink;
import io.ringstream.routing.live.RoutingView;
import io.ringstream.routing.security.TestTokens;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.credentials.UserRecord;
import io.ringstream.testkit.SseClient;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who may see the wallboard, over a real server: 401 without a session, 403 for an agent, 200 for a
 * supervisor's session cookie; the cookie opens nothing else; a supervisor sees only its tenant, in
 * the view and in the stream.
 */
@MicronautTest
class WallboardAccessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a long enough password";

    @Inject EmbeddedServer server;
    @Inject CredentialStore store;
    @Inject PasswordHasher hasher;
    @Inject RoutingView view;
    @Inject AlertFeed alerts;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String tenant = "wb-" + UUID.randomUUID().toString().substring(0, 8);
    private final String other = "wb-" + UUID.randomUUID().toString().substring(0, 8);

    @MockBean(CommandSink.class)
    CommandSink recording() {
        return new RecordingCommandSink();
    }

    @Test
    void aSupervisorLogsInWithASessionCookieAndOpensTheWallboard() throws Exception {
        store.putUser(
                new UserRecord(tenant, "sue", Set.of(Role.SUPERVISOR), hasher.hash(PASSWORD)));

        HttpResponse<String> session =
                send(
                        HttpRequest.newBuilder(uri("/v1/auth/session"))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                JSON.writeValueAsString(
                                                        Map.of(
                                                                "tenant", tenant,
                                                                "username", "sue",
                                                                "password", PASSWORD)))));

        assertThat(session.statusCode()).isEqualTo(204);
        String setCookie = session.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie)
                .startsWith("ringstream_session=")
                .containsIgnoringCase("HttpOnly")
                .contains("SameSite=Strict", "Path=/", "Max-Age=1800")
                .doesNotContain("Secure");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> page = send(withCookie("/wallboard", cookie, "text/html"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).contains("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        HttpResponse<String> data = send(withCookie("/v1/wallboard", cookie, "application/json"));
        assertThat(data.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(data.body());
        assertThat(body.get("tenant").asText()).isEqualTo(tenant);
        assertThat(body.get("thresholds").get("*").get("oldestWaitAmberSeconds").asLong())
                .isEqualTo(60);
        assertThat(body.get("live").get("queues")).isEmpty();
        assertThat(body.has("kpis")).isTrue();

        HttpResponse<String> logout =
                send(HttpRequest.newBuilder(uri("/v1/auth/session")).DELETE());
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith("ringstream_session=")
                .contains("Max-Age=0");
    }

    @Test
    void aWrongPasswordGetsNoSession() throws Exception {
        HttpResponse<String> session =
                send(
                        HttpRequest.newBuilder(uri("/v1/auth/session"))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"tenant\":\""
                                                        + tenant
                                                        + "\",\"username\":\"nobody\","
                                                        + "\"password\":\"wrong\"}")));

        assertThat(session.statusCode()).isEqualTo(401);
        assertThat(session.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void withoutASessionTheWallboardIs401WithTheLoginPageForBrowsers() throws Exception {
        HttpResponse<String> browser = send(get("/wallboard").header("Accept", "text/html"));
        HttpResponse<String> api = send(get("/wallboard").header("Accept", "application/json"));
        HttpResponse<String> data = send(get("/v1/wallboard"));
        HttpResponse<String> stream = send(get("/v1/wallboard/stream"));

        assertThat(browser.statusCode()).isEqualTo(401);
        assertThat(browser.headers().firstValue("Content-Type").orElseThrow())
                .contains("text/html");
        assertThat(browser.body()).contains("<html");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow())
                .contains("application/problem+json");
        assertThat(data.statusCode()).isEqualTo(401);
        assertThat(stream.statusCode()).isEqualTo(401);
    }

    @Test
    void anAgentsSessionIsRefusedWith403() throws Exception {
        String cookie = "ringstream_session=" + TestTokens.agent(tenant, "1001");

        assertThat(send(withCookie("/wallboard", cookie, "text/html")).statusCode()).isEqualTo(403);
        assertThat(send(withCookie("/v1/wallboard", cookie, "application/json")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theCookieOpensNothingButTheWallboard() throws Exception {
        String cookie = "ringstream_session=" + TestTokens.supervisor(tenant);

        assertThat(
                        send(withCookie("/v1/supervisor/queues", cookie, "application/json"))
                                .statusCode())
                .isEqualTo(401);
        assertThat(send(withCookie("/v1/supervisor/live", cookie, "application/json")).statusCode())
                .isEqualTo(401);
        assertThat(
                        send(HttpRequest.newBuilder(
                                                uri(
                                                        "/v1/auth/stream-ticket?path=/v1/supervisor/alerts"))
                                        .header("Cookie", cookie)
                                        .POST(HttpRequest.BodyPublishers.noBody()))
                                .statusCode())
                .isEqualTo(401);
    }

    @Test
    void aBearerTokenWorksTooAndAnotherTenantIsRefused() throws Exception {
        String token = TestTokens.supervisor(tenant);

        assertThat(
                        send(get("/v1/wallboard").header("Authorization", "Bearer " + token))
                                .statusCode())
                .isEqualTo(200);
        assertThat(
                        send(get("/v1/wallboard?tenant=" + other)
                                        .header("Authorization", "Bearer " + token))
                                .statusCode())
                .isEqualTo(403);
        assertThat(
                        send(withCookie(
                                        "/v1/wallboard/stream?tenant=" + other,
                                        "ringstream_session=" + token,
                                        "text/event-stream"))
                                .statusCode())
                .isEqualTo(403);
    }

    @Test
    void theStreamCarriesOnlyTheSupervisorsTenant() {
        try (SseClient stream =
                new SseClient(
                        http,
                        server.getURI() + "/v1/wallboard/stream",
                        TestTokens.supervisor(tenant))) {
            assertThat(stream.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> names(stream).containsAll(List.of("thresholds", "live")));

            view.apply(status(other, "agent-of-other", 1));
            alerts.apply(alert(other, "other-alert"));
            view.apply(status(tenant, "agent-of-mine", 2));
            alerts.apply(alert(tenant, "my-alert"));

            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    stream.events().stream()
                                                    .anyMatch(e -> e.data().contains("my-alert"))
                                            && stream.events().stream()
                                                    .anyMatch(
                                                            e ->
                                                                    e.data()
                                                                            .contains(
                                                                                    "agent-of-mine")));
            assertThat(names(stream).get(0)).isEqualTo("thresholds");
            assertThat(stream.events())
                    .noneMatch(e -> e.data().contains(other))
                    .noneMatch(e -> e.data().contains("agent-of-other"));
        }
    }

    private static List<String> names(SseClient stream) {
        return stream.events().stream().map(SseClient.Received::name).toList();
    }

    private static RoutingStatus status(String tenant, String agent, long sequence) {
        return new RoutingStatus(
                1,
                UUID.randomUUID().toString(),
                tenant,
                System.currentTimeMillis(),
                "test",
                sequence,
                List.of(new RoutingStatus.QueueState("sales", 1, 5_000, 10_000, 0, 1, List.of())),
                List.of(
                        new RoutingStatus.AgentState(
                                agent, "BUSY", null, "SIP/1", 0, List.of("sales"), List.of())),
                Map.of());
    }

    private static SupervisorAlert alert(String tenant, String id) {
        return SupervisorAlert.of(
                id,
                SupervisorAlert.Kind.SLA_BREACH,
                tenant,
                "sales",
                System.currentTimeMillis(),
                "test",
                "sales",
                null,
                SupervisorAlert.Severity.CRITICAL,
                "breach in " + tenant,
                Map.of());
    }

    private HttpRequest.Builder withCookie(String path, String cookie, String accept) {
        return get(path).header("Cookie", cookie).header("Accept", accept);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private URI uri(String path) {
        return URI.create(server.getURI() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
