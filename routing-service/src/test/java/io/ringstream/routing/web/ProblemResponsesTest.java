package io.ringstream.routing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.ringstream.routing.security.TestTokens;
import io.ringstream.routing.supervisor.QueueSnapshot;
import io.ringstream.routing.supervisor.QueueStatsReader;
import io.ringstream.routing.supervisor.QueueStatsUnavailableException;
import io.ringstream.routing.supervisor.QueueTotals;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTTP shape of the service: routes, JSON fields and problem bodies. Figures come from an
 * in-memory reader here; the ClickHouse path is covered by SupervisorQueuesITCase.
 */
@MicronautTest
class ProblemResponsesTest {

    private static final Argument<Map<String, Object>> JSON =
            Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient client;

    @MockBean(QueueStatsReader.class)
    QueueStatsReader inMemoryReader() {
        return tenant -> {
            if (tenant.equals("broken")) {
                throw new QueueStatsUnavailableException("store down", new RuntimeException());
            }
            return List.of(
                    QueueSnapshot.from(new QueueTotals("sales", 5, 2, 1, 1, 8_000, 2)),
                    QueueSnapshot.from(new QueueTotals("support", 2, 0, 0, 0, 0, 2)));
        };
    }

    @Test
    void healthAnswersUp() {
        Map<String, Object> body = client.toBlocking().retrieve(HttpRequest.GET("/health"), JSON);

        assertThat(body).containsEntry("status", "UP");
    }

    @Test
    void queuesListsFiguresWithExplicitNullsForUnansweredQueues() {
        Map<String, Object> body =
                client.toBlocking()
                        .retrieve(
                                HttpRequest.GET("/v1/supervisor/queues")
                                        .bearerAuth(TestTokens.supervisor("default")),
                                JSON);

        assertThat(body).containsEntry("tenant", "default");
        assertThat(body).containsEntry("serviceLevelConvention", "answered-only");
        List<?> queues = (List<?>) body.get("queues");
        assertThat(queues).hasSize(2);
        Map<String, Object> sales = asMap(queues.get(0));
        assertThat(sales.get("queue")).isEqualTo("sales");
        assertThat(sales).containsEntry("waiting", 2);
        assertThat(sales).containsEntry("serviceLevel", 0.5);
        assertThat(sales).containsEntry("asaSeconds", 4.0);
        Map<String, Object> support = asMap(queues.get(1));
        assertThat(support).containsKey("serviceLevel").containsEntry("serviceLevel", null);
        assertThat(support).containsKey("asaSeconds").containsEntry("asaSeconds", null);
    }

    @Test
    void unknownQueueIsA404Problem() {
        HttpResponse<?> response = problemOf("/v1/supervisor/queues/nope");

        assertThat(response.code()).isEqualTo(404);
        assertThat(problemBody(response))
                .containsEntry("type", "https://ringstream.io/problems/unknown-queue")
                .containsEntry("title", "Unknown queue")
                .containsEntry("status", 404)
                .containsEntry("detail", "queue 'nope' has no figures today for tenant 'default'");
    }

    @Test
    void anotherTenantThanTheTokensIsA403Problem() {
        HttpResponse<?> response = problemOf("/v1/supervisor/queues?tenant=Not%20Valid!");

        assertThat(response.code()).isEqualTo(403);
        assertThat(problemBody(response))
                .containsEntry("type", "https://ringstream.io/problems/forbidden")
                .containsEntry("status", 403);
        assertThat((String) problemBody(response).get("detail"))
                .isEqualTo("the token is for tenant 'default', not 'Not Valid!'");
    }

    @Test
    void noTokenIsA401Problem() {
        HttpClientResponseException e =
                (HttpClientResponseException)
                        org.assertj.core.api.Assertions.catchThrowable(
                                () ->
                                        client.toBlocking()
                                                .exchange(
                                                        HttpRequest.GET("/v1/supervisor/queues"),
                                                        JSON));

        assertThat(e.getResponse().code()).isEqualTo(401);
        assertThat(problemBody(e.getResponse())).containsEntry("status", 401);
    }

    @Test
    void unavailableStoreIsA503Problem() {
        HttpResponse<?> response =
                problemOf("/v1/supervisor/queues", TestTokens.supervisor("broken"));

        assertThat(response.code()).isEqualTo(503);
        assertThat(problemBody(response))
                .containsEntry("type", "https://ringstream.io/problems/figures-unavailable")
                .containsEntry("status", 503);
    }

    @Test
    void routingWithoutKafkaIsA503ProblemNamingTheSetting() {
        HttpClientResponseException e =
                (HttpClientResponseException)
                        org.assertj.core.api.Assertions.catchThrowable(
                                () ->
                                        client.toBlocking()
                                                .exchange(
                                                        HttpRequest.POST(
                                                                        "/v1/route",
                                                                        Map.of(
                                                                                "contactId", "c1",
                                                                                "queue", "sales"))
                                                                .bearerAuth(
                                                                        TestTokens.pbx("default")),
                                                        JSON));

        assertThat(e.getResponse().code()).isEqualTo(503);
        assertThat(problemBody(e.getResponse()))
                .containsEntry("type", "https://ringstream.io/problems/routing-unavailable")
                .containsEntry(
                        "detail",
                        "routing is not configured: set RINGSTREAM_KAFKA_BOOTSTRAP"
                                + " (ringstream.kafka.bootstrap)");
    }

    @Test
    void aQueueNameWithControlCharactersOrTooLongIsA400BeforeAnythingIsSent() {
        for (String queue : List.of("sa\u0000les", "q".repeat(100_000))) {
            HttpClientResponseException e =
                    (HttpClientResponseException)
                            org.assertj.core.api.Assertions.catchThrowable(
                                    () ->
                                            client.toBlocking()
                                                    .exchange(
                                                            HttpRequest.POST(
                                                                            "/v1/route",
                                                                            Map.of(
                                                                                    "contactId",
                                                                                    "c1",
                                                                                    "queue",
                                                                                    queue))
                                                                    .bearerAuth(
                                                                            TestTokens.pbx(
                                                                                    "default")),
                                                            JSON));

            assertThat(e.getResponse().code()).isEqualTo(400);
            assertThat(problemBody(e.getResponse()))
                    .containsEntry("type", "https://ringstream.io/problems/invalid-request")
                    .hasEntrySatisfying(
                            "detail",
                            detail ->
                                    assertThat(detail.toString()).startsWith("contact.queue must"));
        }
    }

    @Test
    void unknownRouteIsAProblemToo() {
        HttpResponse<?> response = problemOf("/v1/no-such-thing");

        assertThat(response.code()).isEqualTo(404);
        assertThat(problemBody(response))
                .containsEntry("type", "about:blank")
                .containsEntry("title", "Not Found")
                .containsEntry("status", 404);
    }

    private HttpResponse<?> problemOf(String uri) {
        return problemOf(uri, TestTokens.supervisor("default"));
    }

    private HttpResponse<?> problemOf(String uri, String token) {
        HttpClientResponseException e =
                (HttpClientResponseException)
                        org.assertj.core.api.Assertions.catchThrowable(
                                () ->
                                        client.toBlocking()
                                                .exchange(
                                                        HttpRequest.GET(uri).bearerAuth(token),
                                                        JSON));
        assertThat(e).as("expected an error response from " + uri).isNotNull();
        HttpResponse<?> response = e.getResponse();
        assertThat(response.getContentType().map(Object::toString))
                .contains("application/problem+json");
        return response;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object json) {
        return (Map<String, Object>) json;
    }

    private static Map<String, Object> problemBody(HttpResponse<?> response) {
        return response.getBody(JSON).orElseThrow();
    }
}
