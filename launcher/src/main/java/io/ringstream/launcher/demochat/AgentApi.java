package io.ringstream.launcher.demochat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * routing-service's agent API as a simulated chat agent of {@code up} calls it: the same public
 * endpoints a desktop uses (docs/security.md, docs/routing.md), with the agent's own token from
 * {@code POST /v1/auth/login}. The token is renewed when less than five minutes of it are left.
 * Used by one agent's threads; the token fields are guarded by this.
 */
final class AgentApi {
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final HttpClient http;
    private final URI base;
    private final String tenant;
    private final String agentId;
    private final String password;

    private String token;
    private Instant renewAt = Instant.MIN;

    AgentApi(HttpClient http, URI base, String tenant, String agentId, String password) {
        this.http = http;
        this.base = base;
        this.tenant = tenant;
        this.agentId = agentId;
        this.password = password;
    }

    /** A valid bearer token of the agent, logging in again when the last one is about to end. */
    synchronized String token() throws IOException, InterruptedException {
        if (token == null || !Instant.now().isBefore(renewAt)) {
            ObjectNode body = ChatFrames.JSON.createObjectNode();
            body.put("tenant", tenant);
            body.put("username", agentId);
            body.put("password", password);
            JsonNode answer = post("/v1/auth/login", body, false);
            token = answer.path("access_token").asText();
            long seconds = answer.path("expires_in").asLong(1800);
            renewAt = Instant.now().plusSeconds(seconds).minus(RENEW_BEFORE);
        }
        return token;
    }

    /** Logs the agent in for chats only: the given queues, {@code capacity} chats at once. */
    void logIn(List<String> queues, int capacity) throws IOException, InterruptedException {
        ObjectNode body = ChatFrames.JSON.createObjectNode();
        body.put("tenant", tenant);
        queues.forEach(body.putArray("queues")::add);
        // The desktop's default languages: BEST_FIT charges each extra language as versatility
        // kept in reserve, so simulated agents speaking fewer than a human at the desktop would
        // take every chat while they had room. With the same profile, the longest idle wins.
        body.putArray("languages").add("en").add("es");
        body.putObject("capacity").put("CHAT", capacity);
        post(agentPath("/login"), body, true);
    }

    void state(String state) throws IOException, InterruptedException {
        ObjectNode body = ChatFrames.JSON.createObjectNode();
        body.put("tenant", tenant);
        body.put("state", state);
        post(agentPath("/state"), body, true);
    }

    void accept(String offerId) throws IOException, InterruptedException {
        ObjectNode body = ChatFrames.JSON.createObjectNode();
        body.put("tenant", tenant);
        post(agentPath("/offers/" + offerId + "/accept"), body, true);
    }

    void wrapUpDone() throws IOException, InterruptedException {
        post(agentPath("/wrap-up-done?tenant=" + tenant), ChatFrames.JSON.createObjectNode(), true);
    }

    /**
     * The agent's assignment stream as lines; blocks until it ends or the thread is interrupted.
     */
    Stream<String> assignments() throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(agentPath("/assignments?tenant=" + tenant)))
                        .header("Authorization", "Bearer " + token())
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build();
        HttpResponse<Stream<String>> response =
                http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("assignments stream: HTTP " + response.statusCode());
        }
        return response.body();
    }

    private String agentPath(String tail) {
        return "/v1/agents/" + agentId + tail;
    }

    private JsonNode post(String path, JsonNode body, boolean authenticated)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (authenticated) {
            request.header("Authorization", "Bearer " + token());
        }
        HttpResponse<String> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    "POST " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        String text = response.body();
        return text == null || text.isBlank()
                ? ChatFrames.JSON.createObjectNode()
                : ChatFrames.JSON.readTree(text);
    }
}
