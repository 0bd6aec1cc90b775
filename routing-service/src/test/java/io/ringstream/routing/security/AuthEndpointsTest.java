package io.ringstream.routing.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.routing.alerts.AlertFeed;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.kafka.RecordingCommandSink;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.ClientRecord;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.credentials.UserRecord;
import io.ringstream.testkit.SseClient;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Logins, client credentials, stream tickets, cross-site requests and agents' endpoints over a real
 * server: every refusal is a problem body with 401, 403 or 429, never a 500.
 */
@MicronautTest
class AuthEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a long enough password";

    @Inject EmbeddedServer server;
    @Inject CredentialStore store;
    @Inject PasswordHasher hasher;
    @Inject AlertFeed alerts;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String tenant = "auth-" + UUID.randomUUID().toString().substring(0, 8);

    @MockBean(CommandSink.class)
    CommandSink recording() {
        return new RecordingCommandSink();
    }

    @BeforeEach
    void accounts() {
        store.putUser(new UserRecord(tenant, "1001", Set.of(Role.AGENT), hasher.hash(PASSWORD)));
        store.putClient(
                new ClientRecord(
                        "pbx-" + tenant,
                        tenant,
                        Set.of(Role.PBX, Role.INGEST),
                        hasher.hash(PASSWORD)));
    }

    @Test
    void aLoginGivesATokenThatNamesTheUserInItsTenant() throws Exception {
        HttpResponse<String> login = login("1001", PASSWORD);

        assertThat(login.statusCode()).isEqualTo(200);
        JsonNode token = JSON.readTree(login.body());
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.get("expires_in").asLong()).isEqualTo(1800);
        JsonNode me =
                JSON.readTree(send(get("/v1/auth/me", token.get("access_token").asText())).body());
        assertThat(me.get("subject").asText()).isEqualTo("1001");
        assertThat(me.get("tenant").asText()).isEqualTo(tenant);
        assertThat(me.get("roles").get(0).asText()).isEqualTo("AGENT");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameProblem() throws Exception {
        HttpResponse<String> wrong = login("1001", "not the password");
        HttpResponse<String> unknown = login("9999", PASSWORD);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertProblem(wrong, 401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }

    @Test
    void repeatedFailuresAreThrottledEvenForTheRightPasswordWithRetryAfter() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(login("1001", "guess " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> throttled = login("1001", PASSWORD);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertProblem(throttled, 429);
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 60L);
    }

    @Test
    void aMachineClientGetsATokenWithClientCredentials() throws Exception {
        HttpResponse<String> granted =
                clientCredentials("pbx-" + tenant, PASSWORD, "client_credentials");
        HttpResponse<String> wrong =
                clientCredentials("pbx-" + tenant, "nope", "client_credentials");
        HttpResponse<String> grant = clientCredentials("pbx-" + tenant, PASSWORD, "password");
        HttpResponse<String> noBasic =
                send(
                        HttpRequest.newBuilder(uri("/v1/auth/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Authorization", "Basic %%%")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "grant_type=client_credentials")));

        assertThat(granted.statusCode()).isEqualTo(200);
        String token = JSON.readTree(granted.body()).get("access_token").asText();
        JsonNode me = JSON.readTree(send(get("/v1/auth/me", token)).body());
        assertThat(me.get("roles").toString()).contains("PBX", "INGEST");
        assertProblem(wrong, 401);
        assertProblem(grant, 400);
        assertProblem(noBasic, 401);
    }

    @Test
    void garbageTokensAreA401ProblemNeverA500() throws Exception {
        for (String token : new String[] {"abc", "a.b.c", "eyJ" + "x".repeat(4000), ""}) {
            HttpResponse<String> response = send(get("/v1/supervisor/live", token));
            assertThat(response.statusCode())
                    .as(token.substring(0, Math.min(10, token.length())))
                    .isEqualTo(401);
            assertProblem(response, 401);
        }
        // Beyond Netty's 8 KB of headers the request is refused before security, still as a
        // problem.
        assertProblem(send(get("/v1/supervisor/live", "eyJ" + "x".repeat(9000))), 413);
    }

    @Test
    void aStreamTicketOpensTheAgentsOwnStreamOnceAndNothingElse() throws Exception {
        String path = "/v1/agents/1001/assignments";
        String ticket = ticket(TestTokens.agent(tenant, "1001"), path);

        try (SseClient stream = new SseClient(http, server.getURL() + path + "?ticket=" + ticket)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events().isEmpty());
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.events().get(0).name()).isEqualTo("CONNECTED");
        }
        assertThat(send(get(path + "?ticket=" + ticket, null)).statusCode())
                .as("used once")
                .isEqualTo(401);
        String another = ticket(TestTokens.agent(tenant, "1001"), path);
        assertThat(send(get("/v1/agents/1002/assignments?ticket=" + another, null)).statusCode())
                .as("for its own path only")
                .isEqualTo(401);
        HttpResponse<String> othersTicket =
                send(
                        post(
                                "/v1/auth/stream-ticket?path=" + enc(path),
                                TestTokens.agent(tenant, "1002"),
                                ""));
        assertProblem(othersTicket, 403);
    }

    @Test
    void aSupervisorsAlertStreamCarriesOnlyItsTenantsAlerts() throws Exception {
        String other = tenant + "-other";
        String ticket = ticket(TestTokens.supervisor(tenant), "/v1/supervisor/alerts");
        try (SseClient stream =
                new SseClient(http, server.getURL() + "/v1/supervisor/alerts?ticket=" + ticket)) {
            // Alerts sent before the stream subscribes come as its recent ones: either way, ours.
            alerts.apply(alert("theirs-1", other));
            alerts.apply(alert("ours-1", tenant));
            alerts.apply(alert("theirs-2", other));
            alerts.apply(alert("ours-2", tenant));

            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events().size() >= 2);
            alerts.apply(alert("theirs-3", other));
            alerts.apply(alert("ours-3", tenant));
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    stream.events().stream()
                                            .anyMatch(e -> e.data().contains("ours-3")));
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.events())
                    .extracting(SseClient.Received::data)
                    .allSatisfy(d -> assertThat(d).contains("\"tenant\":\"" + tenant + "\""))
                    .anySatisfy(d -> assertThat(d).contains("ours-1"))
                    .anySatisfy(d -> assertThat(d).contains("ours-2"));
        }
    }

    @Test
    void aForeignOriginIsRefusedWithAProblemEvenWithAValidToken() throws Exception {
        String pbx = TestTokens.pbx(tenant);
        HttpRequest.Builder foreign =
                post("/v1/contacts/c1/abandon", pbx, "").header("Origin", "https://evil.example");
        HttpRequest.Builder same =
                post("/v1/contacts/c1/abandon", pbx, "")
                        .header("Origin", "http://localhost:" + server.getPort());
        HttpRequest.Builder read = get("/v1/auth/me", pbx).header("Origin", "https://evil.example");

        HttpResponse<String> refused = send(foreign);

        assertProblem(refused, 403);
        assertThat(refused.body()).contains("foreign-origin");
        assertThat(send(same).statusCode()).isEqualTo(202);
        assertProblem(send(read), 403);
    }

    @Test
    void anAgentCannotChooseItsEndpointOnlyASupervisorSetsOneThePolicyAllows() throws Exception {
        String agent = TestTokens.agent(tenant, "1001");
        String supervisor = TestTokens.supervisor(tenant);
        String login = "{\"queues\":[\"support\"]}";

        assertProblem(send(post("/v1/agents/1001/login", agent, login)), 409); // none set yet
        HttpResponse<String> tollFraud =
                send(
                        put(
                                "/v1/agents/1001/endpoint",
                                supervisor,
                                "{\"endpoint\":\"PJSIP/itsp-trunk/sip:+19005550100@premium.example.net\"}"));
        assertProblem(tollFraud, 400);
        assertThat(
                        send(put(
                                        "/v1/agents/1001/endpoint",
                                        supervisor,
                                        "{\"endpoint\":\"PJSIP/1001\"}"))
                                .statusCode())
                .isEqualTo(200);

        HttpResponse<String> chosen =
                send(
                        post(
                                "/v1/agents/1001/login",
                                agent,
                                "{\"endpoint\":\"PJSIP/itsp-trunk/sip:+19005550100@premium.example.net\","
                                        + "\"queues\":[\"support\"]}"));
        assertProblem(chosen, 403);
        assertThat(send(post("/v1/agents/1001/login", agent, login)).statusCode()).isEqualTo(202);
    }

    private String ticket(String token, String path) throws Exception {
        HttpResponse<String> response =
                send(post("/v1/auth/stream-ticket?path=" + enc(path), token, ""));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("ticket").asText();
    }

    private HttpResponse<String> login(String username, String password) throws Exception {
        Map<String, String> body =
                Map.of("tenant", tenant, "username", username, "password", password);
        return send(
                HttpRequest.newBuilder(uri("/v1/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpResponse<String> clientCredentials(String id, String secret, String grant)
            throws Exception {
        String basic =
                Base64.getEncoder()
                        .encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(
                HttpRequest.newBuilder(uri("/v1/auth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "Basic " + basic)
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + grant)));
    }

    private HttpRequest.Builder get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder post(String path, String token, String json) {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder put(String path, String token, String json) {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(server.getURL() + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(status);
    }

    private static SupervisorAlert alert(String id, String tenant) {
        return SupervisorAlert.of(
                id,
                SupervisorAlert.Kind.SLA_BREACH,
                tenant,
                "c-" + id,
                1_700_000_000_000L,
                "sla",
                "support",
                null,
                SupervisorAlert.Severity.CRITICAL,
                "breach",
                Map.of());
    }
}
