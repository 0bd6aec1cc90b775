package io.ringstream.routing.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.clickhouse.Table;
import io.ringstream.routing.security.TestTokens;
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
 * The supervisor endpoint against a real clickhouse-server: {@code queue_kpis} rows written the way
 * the service-level job writes them (re-emitted intervals with rising versions, sliding windows
 * beside them) come out as today's per-queue figures.
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
        long now = System.currentTimeMillis();
        insert("interval", "sales", today + " + 900", 3, 1, 0, 1, 2_000, 4, now - 2_000);
        // The same interval re-emitted later: FINAL must keep only this version, and its
        // waiting count is the queue's now.
        insert("interval", "sales", today + " + 900", 5, 3, 1, 2, 9_000, 2, now);
        insert("interval", "sales", today, 2, 1, 0, 1, 3_000, 1, now - 60_000);
        // Yesterday's last interval must not count today, nor a sliding window.
        insert("interval", "sales", today + " - 900", 50, 50, 0, 50, 500_000, 9, now - 90_000);
        insert("sliding", "sales", today + " + 900", 40, 40, 0, 40, 1_000, 7, now);
        insert("interval", "support", today, 2, 0, 1, 0, 0, 1, now);
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
            String windowKind,
            String queue,
            String windowStartExpr,
            long offered,
            long answered,
            long abandoned,
            long withinThreshold,
            long totalWaitMs,
            long waitingNow,
            long asOfMs) {
        CLICKHOUSE.execute(
                "INSERT INTO "
                        + Table.QUEUE_KPIS.qualifiedName()
                        + " (tenant, queue, window_kind, window_start, window_minutes, as_of_ms,"
                        + " offered, answered, abandoned, answered_within_threshold,"
                        + " threshold_seconds, total_wait_ms, waiting_now, version, updated_at)"
                        + " SELECT '"
                        + TENANT
                        + "', '"
                        + queue
                        + "', '"
                        + windowKind
                        + "', "
                        + windowStartExpr
                        + ", 15, "
                        + asOfMs
                        + ", "
                        + offered
                        + ", "
                        + answered
                        + ", "
                        + abandoned
                        + ", "
                        + withinThreshold
                        + ", 20, "
                        + totalWaitMs
                        + ", "
                        + waitingNow
                        + ", "
                        + asOfMs
                        + ", now()");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        String tenant = path.substring(path.indexOf("?tenant=") + "?tenant=".length());
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(server.getURL() + path))
                        .header("Authorization", "Bearer " + TestTokens.supervisor(tenant))
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
