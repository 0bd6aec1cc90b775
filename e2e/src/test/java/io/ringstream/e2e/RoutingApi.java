package io.ringstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of routing-service's real HTTP API for one tenant, as the PBX, agent desktops and the
 * supervisor's wallboard use it.
 */
final class RoutingApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String tenant;

    RoutingApi(String base, String tenant) {
        this.base = base;
        this.tenant = tenant;
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
        return post("/v1/route", routeBody(contactId, skills, waitMillis), 200);
    }

    /** The agent who had the contact through {@code fromOffer} transfers it, keeping its id. */
    JsonNode transfer(String contactId, String fromOffer, long waitMillis) {
        Map<String, Object> body = routeBody(contactId, Map.of("billing", 1), waitMillis);
        body.put("transferFrom", fromOffer);
        return post("/v1/route", body, 200);
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", tenant);
        body.put("endpoint", "PJSIP/" + agentId);
        body.put("skills", Map.of("billing", billing));
        body.put("languages", List.of(language));
        body.put("queues", List.of("support"));
        body.put("capacity", Map.of("VOICE", 1));
        post("/v1/agents/" + agentId + "/login", body, 202);
    }

    void ready(String agentId) {
        post("/v1/agents/" + agentId + "/state", Map.of("tenant", tenant, "state", "READY"), 202);
    }

    void loginReady(String agentId, int billing, String language) {
        login(agentId, billing, language);
        ready(agentId);
    }

    void accept(String agentId, String offerId) {
        post(
                "/v1/agents/" + agentId + "/offers/" + offerId + "/accept",
                Map.of("tenant", tenant),
                202);
    }

    void reject(String agentId, String offerId) {
        post(
                "/v1/agents/" + agentId + "/offers/" + offerId + "/reject",
                Map.of("tenant", tenant, "reason", "not now"),
                202);
    }

    void endContact(String contactId) {
        post("/v1/contacts/" + contactId + "/end?tenant=" + tenant, Map.of(), 202);
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

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).build(), 200);
    }

    private JsonNode post(String path, Object body, int expected) {
        try {
            return send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/json")
                            .POST(
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
