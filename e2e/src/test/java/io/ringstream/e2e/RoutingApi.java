package io.ringstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.tokens.TokenIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of routing-service's real HTTP API for one tenant, as the PBX, agent desktops and the
 * supervisor's wallboard use it, each with a real token of its own role. The tenant's admin lets
 * agents be reached at their ids ({@code PJSIP/es-5}); a supervisor sets each agent's endpoint
 * before the agent logs in, as in production.
 */
final class RoutingApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_LIFE = Duration.ofHours(1);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String tenant;
    private final TokenIssuer tokens;
    private final String pbx;
    private final String supervisor;

    RoutingApi(String base, String tenant, TokenIssuer tokens) {
        this.base = base;
        this.tenant = tenant;
        this.tokens = tokens;
        this.pbx = tokens.issue(Caller.of("pbx", tenant, Role.PBX), TOKEN_LIFE);
        this.supervisor =
                tokens.issue(Caller.of("supervisor", tenant, Role.SUPERVISOR), TOKEN_LIFE);
        String admin = tokens.issue(Caller.of("admin", tenant, Role.ADMIN), TOKEN_LIFE);
        send(
                admin,
                "PUT",
                "/v1/admin/endpoint-policy",
                Map.of("technologies", List.of("PJSIP"), "extension", "[a-z0-9-]{1,32}"),
                200);
    }

    /** The PBX's token: the FastAGI server of the bridge sends it. */
    String pbxToken() {
        return pbx;
    }

    /** The agent's own token. */
    String agentToken(String agentId) {
        return tokens.issue(Caller.of(agentId, tenant, Role.AGENT), TOKEN_LIFE);
    }

    String base() {
        return base;
    }

    String tenant() {
        return tenant;
    }

    HttpClient http() {
        return http;
    }

    /** The PBX asks where a Spanish caller needing {@code skills} goes. */
    JsonNode route(String contactId, Map<String, Integer> skills, long waitMillis) {
        return send(pbx, "POST", "/v1/route", routeBody(contactId, skills, waitMillis), 200);
    }

    /** The agent who had the contact through {@code fromOffer} transfers it, keeping its id. */
    JsonNode transfer(String contactId, String fromOffer, long waitMillis) {
        Map<String, Object> body = routeBody(contactId, Map.of("billing", 1), waitMillis);
        body.put("transferFrom", fromOffer);
        return send(pbx, "POST", "/v1/route", body, 200);
    }

    private Map<String, Object> routeBody(
            String contactId, Map<String, Integer> skills, long waitMillis) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", tenant);
        body.put("contactId", contactId);
        body.put("queue", "support");
        body.put("skills", skills);
        body.put("language", "es");
        body.put("waitMillis", waitMillis);
        return body;
    }

    void login(String agentId, int billing, String language) {
        send(
                supervisor,
                "PUT",
                "/v1/agents/" + agentId + "/endpoint",
                Map.of("endpoint", "PJSIP/" + agentId),
                200);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", tenant);
        body.put("skills", Map.of("billing", billing));
        body.put("languages", List.of(language));
        body.put("queues", List.of("support"));
        body.put("capacity", Map.of("VOICE", 1));
        send(agentToken(agentId), "POST", "/v1/agents/" + agentId + "/login", body, 202);
    }

    void ready(String agentId) {
        send(
                agentToken(agentId),
                "POST",
                "/v1/agents/" + agentId + "/state",
                Map.of("tenant", tenant, "state", "READY"),
                202);
    }

    void loginReady(String agentId, int billing, String language) {
        login(agentId, billing, language);
        ready(agentId);
    }

    void accept(String agentId, String offerId) {
        send(
                agentToken(agentId),
                "POST",
                "/v1/agents/" + agentId + "/offers/" + offerId + "/accept",
                Map.of("tenant", tenant),
                202);
    }

    void reject(String agentId, String offerId) {
        send(
                agentToken(agentId),
                "POST",
                "/v1/agents/" + agentId + "/offers/" + offerId + "/reject",
                Map.of("tenant", tenant, "reason", "not now"),
                202);
    }

    void endContact(String contactId) {
        send(pbx, "POST", "/v1/contacts/" + contactId + "/end?tenant=" + tenant, Map.of(), 202);
    }

    JsonNode live() {
        return get("/v1/supervisor/live?tenant=" + tenant);
    }

    /** The agent's state in the supervisor's live view, or null when not listed. */
    String agentState(String agentId) {
        for (JsonNode a : live().get("agents")) {
            if (a.get("agentId").asText().equals(agentId)) {
                return a.get("state").asText();
            }
        }
        return null;
    }

    /** A supervisor's call to any endpoint of the tenant, e.g. the customer and lead API. */
    JsonNode asSupervisor(String method, String path, Object body, int expected) {
        return send(supervisor, method, path, body, expected);
    }

    /** The tenant admin's call, e.g. the tenant's customer settings. */
    JsonNode asAdmin(String method, String path, Object body, int expected) {
        return send(
                tokens.issue(Caller.of("admin", tenant, Role.ADMIN), TOKEN_LIFE),
                method,
                path,
                body,
                expected);
    }

    /** A supervisor's GET of any endpoint of the tenant. */
    JsonNode getAsSupervisor(String path) {
        return get(path);
    }

    private JsonNode get(String path) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + supervisor)
                        .build(),
                200);
    }

    private JsonNode send(String token, String method, String path, Object body, int expected) {
        try {
            return send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .method(
                                    method,
                                    HttpRequest.BodyPublishers.ofString(
                                            JSON.writeValueAsString(body)))
                            .build(),
                    expected);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError(
                        request.method()
                                + " "
                                + request.uri()
                                + " answered "
                                + response.statusCode()
                                + ": "
                                + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
