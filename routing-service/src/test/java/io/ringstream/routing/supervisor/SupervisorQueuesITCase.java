package io.ringstream.routing.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.testkit.ClickHouseExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The supervisor endpoint against a real clickhouse-server: rows written the way the streaming job
 * writes them (re-emitted intervals with rising versions) come out as today's per-queue figures.
 */
class SupervisorQueuesITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    // A tenant of its own, so rows of other tests sharing the server never count here.
    private static final String TENANT = "it-" + UUID.randomUUID().toString().substring(0, 8);

    private static EmbeddedServer server;
    private static HttpClient http;

    @BeforeAll
    static void startServiceOnTheSharedClickHouse() {
        server =
                ApplicationContext.run(
                        EmbeddedServer.class,
                        Map.of(
                                "ringstream.clickhouse.url",
                                CLICKHOUSE.jdbcUrl(),
                                "micronaut.server.port",
                                -1));
        http = HttpClient.newHttpClient();
        String today = "toStartOfDay(now())";
        insert("sales", today + " + 900", 3, 1, 0, 1, 2_000, 1);
        // The same interval re-emitted later: FINAL must keep only this version.
        insert("sales", today + " + 900", 5, 3, 1, 2, 9_000, 2);
        insert("sales", today, 2, 1, 0, 1, 3_000, 1);
        // Yesterday's last interval must not count today.
        insert("sales", today + " - 900", 50, 50, 0, 50, 500_000, 1);
        insert("support", today, 2, 0, 1, 0, 0, 1);
    }

    @AfterAll
    static void stopService() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sumsTodaysLatestIntervalVersionsPerQueue() throws Exception {
        HttpResponse<String> response = get("/v1/supervisor/queues?tenant=" + TENANT);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("tenant").asText()).isEqualTo(TENANT);
        assertThat(body.get("queues")).hasSize(2);

        JsonNode sales = body.get("queues").get(0);
        assertThat(sales.get("queue").asText()).isEqualTo("sales");
        assertThat(sales.get("offered").asLong()).isEqualTo(7);
        assertThat(sales.get("answered").asLong()).isEqualTo(4);
        assertThat(sales.get("abandoned").asLong()).isEqualTo(1);
        assertThat(sales.get("waiting").asLong()).isEqualTo(2);
        assertThat(sales.get("serviceLevel").asDouble()).isEqualTo(0.75);
        assertThat(sales.get("asaSeconds").asDouble()).isEqualTo(3.0);

        JsonNode support = body.get("queues").get(1);
        assertThat(support.get("queue").asText()).isEqualTo("support");
        assertThat(support.get("waiting").asLong()).isEqualTo(1);
        assertThat(support.get("serviceLevel").isNull()).isTrue();
        assertThat(support.get("asaSeconds").isNull()).isTrue();
    }

    @Test
    void oneQueueAndAnUnknownOne() throws Exception {
        HttpResponse<String> sales = get("/v1/supervisor/queues/sales?tenant=" + TENANT);
        assertThat(sales.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(sales.body()).get("offered").asLong()).isEqualTo(7);

        HttpResponse<String> unknown = get("/v1/supervisor/queues/billing?tenant=" + TENANT);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .contains("application/problem+json");
        assertThat(JSON.readTree(unknown.body()).get("type").asText())
                .isEqualTo("https://ringstream.io/problems/unknown-queue");
    }

    @Test
    void aTenantWithoutRowsHasNoQueues() throws Exception {
        HttpResponse<String> response = get("/v1/supervisor/queues?tenant=" + TENANT + "-empty");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("queues")).isEmpty();
    }

    private static void insert(
            String queue,
            String intervalStartExpr,
            long offered,
            long answered,
            long abandoned,
            long withinThreshold,
            long totalWaitMs,
            long version) {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.queue_interval_stats (tenant, queue, interval_start,"
                        + " interval_minutes, offered, answered, abandoned,"
                        + " answered_within_threshold, threshold_seconds, total_wait_ms,"
                        + " total_talk_ms, version, updated_at) SELECT '"
                        + TENANT
                        + "', '"
                        + queue
                        + "', "
                        + intervalStartExpr
                        + ", 15, "
                        + offered
                        + ", "
                        + answered
                        + ", "
                        + abandoned
                        + ", "
                        + withinThreshold
                        + ", 20, "
                        + totalWaitMs
                        + ", 0, "
                        + version
                        + ", now()");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
