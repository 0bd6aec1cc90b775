package io.ringstream.routing.leads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain HTTP client for the customer endpoints' tests: raw bodies in (so malformed JSON can be
 * sent), status, headers and parsed JSON out. Every request goes through the real server and its
 * security.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URL server;
    private final HttpClient http = HttpClient.newHttpClient();

    public ApiClient(URL server) {
        this.server = server;
    }

    /** An answer: status, the body as text and as JSON (null when it is not JSON). */
    public record Answer(HttpResponse<String> response) {
        public int status() {
            return response.statusCode();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + response.body(), e);
            }
        }

        /** The problem's {@code type} after the base URI, after checking the problem shape. */
        public String problem() {
            if (!header("Content-Type").startsWith("application/problem+json")) {
                throw new AssertionError("not a problem: " + status() + " " + response.body());
            }
            return json().get("type").asText().replace("https://ringstream.io/problems/", "");
        }

        @Override
        public String toString() {
            return status() + " " + response.body();
        }
    }

    public Answer get(String token, String path) {
        return send(token, "GET", path, null);
    }

    public Answer post(String token, String path, String body, String... headers) {
        return send(token, "POST", path, body, headers);
    }

    public Answer send(String token, String method, String path, String body, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server + path))
                        .timeout(Duration.ofSeconds(20))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return new Answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
