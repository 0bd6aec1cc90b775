package io.ringstream.routing.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Raw HTTP calls against the test's embedded server, so a test controls every header and byte of
 * the body (malformed JSON, oversized bodies) and sees the answer as a client would.
 */
final class ApiCalls {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URL server;
    private final JsonMapper json;

    ApiCalls(URL server, JsonMapper json) {
        this.server = server;
        this.json = json;
    }

    /** An answer: status, headers and the body parsed as a JSON object (empty when none). */
    record Answer(int status, HttpResponse<String> raw, Map<String, Object> body) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** Asserts a problem body with this status, and returns its detail. */
        String problem(int expected) {
            assertThat(status).as("status, body %s", raw.body()).isEqualTo(expected);
            assertThat(header("Content-Type")).startsWith("application/problem+json");
            assertThat(body).containsEntry("status", expected);
            return String.valueOf(body.get("detail"));
        }

        Answer ok(int expected) {
            assertThat(status).as("status, body %s", raw.body()).isEqualTo(expected);
            return this;
        }

        String id() {
            return (String) body.get("id");
        }
    }

    Answer call(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server + path))
                        .timeout(Duration.ofSeconds(30))
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
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> parsed =
                    response.body().isBlank() || !response.body().startsWith("{")
                            ? Map.of()
                            : json.readValue(
                                    response.body(), Argument.mapOf(String.class, Object.class));
            return new Answer(response.statusCode(), response, parsed);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
