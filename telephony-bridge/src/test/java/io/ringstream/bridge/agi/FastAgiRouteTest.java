package io.ringstream.bridge.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.ringstream.testkit.FastAgiClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's FastAGI server over real sockets: an AGI client speaks Asterisk's side of the
 * protocol, and a real HTTP server stands in for routing-service's API (its own tests cover it).
 * The dialplan variables are what the script set over the wire.
 */
class FastAgiRouteTest {
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer;
    private final List<String> identified = new CopyOnWriteArrayList<>();
    private HttpServer routing;
    private FastAgiServer agi;

    @BeforeEach
    void start() throws IOException {
        routing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        routing.createContext(
                "/",
                exchange -> {
                    try (InputStream body = exchange.getRequestBody()) {
                        requests.add(
                                exchange.getRequestURI().getPath()
                                        + " "
                                        + new String(body.readAllBytes(), StandardCharsets.UTF_8));
                    }
                    byte[] reply = answer.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders()
                            .add(
                                    "Content-Type",
                                    status == 200
                                            ? "application/json"
                                            : "application/problem+json");
                    exchange.sendResponseHeaders(status, reply.length);
                    exchange.getResponseBody().write(reply);
                    exchange.close();
                });
        routing.start();
        int port = freePort();
        agi =
                FastAgiServer.start(
                        FastAgiConfig.of(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + routing.getAddress().getPort()))
                                .withPort(port)
                                .withRouteWait(Duration.ofMillis(500)),
                        (tenant, contact, customer) ->
                                identified.add(tenant + "/" + contact + "/" + customer));
        await().atMost(Duration.ofSeconds(10)).until(() -> accepts(port));
    }

    @AfterEach
    void stop() {
        agi.close();
        routing.stop(0);
    }

    @Test
    void aConnectAnswerSetsTheTargetForDial() throws Exception {
        answer =
                "{\"action\":\"CONNECT\",\"tenant\":\"default\",\"contactId\":\"1700000000.42\","
                        + "\"queue\":\"sales\",\"target\":\"PJSIP/1001\",\"agentId\":\"a1\","
                        + "\"offerId\":\"o1\",\"step\":1}";

        FastAgiClient.Call call =
                FastAgiClient.run(
                        agi.port(),
                        "route?queue=sales&skills=billing:3,spanish&language=es&customer=k42",
                        "1700000000.42",
                        Map.of());

        assertThat(call.variables())
                .containsEntry("RINGSTREAM_ACTION", "CONNECT")
                .containsEntry("RINGSTREAM_TARGET", "PJSIP/1001")
                .containsEntry("RINGSTREAM_AGENT", "a1")
                .containsEntry("RINGSTREAM_OFFER", "o1")
                .containsEntry("RINGSTREAM_POSITION", "");
        assertThat(call.commands()).contains("SET VARIABLE \"RINGSTREAM_TARGET\" \"PJSIP/1001\"");
        assertThat(requests)
                .singleElement()
                .asString()
                .startsWith("/v1/route ")
                .contains("\"contactId\":\"1700000000.42\"", "\"queue\":\"sales\"")
                .contains("\"skills\":{\"billing\":3,\"spanish\":1}", "\"language\":\"es\"")
                .contains("\"customerId\":\"k42\"", "\"waitMillis\":500")
                .contains("\"callerNumber\":\"5551234\"");
        assertThat(identified).as("the answer named no customer").isEmpty();
    }

    @Test
    void theDialplansCallerParameterReplacesTheChannelsNumberAndAnEmptyOneSendsNone()
            throws Exception {
        answer =
                "{\"action\":\"WAIT\",\"queue\":\"sales\",\"position\":1,"
                        + "\"estimatedWaitSeconds\":10,\"retryAfterSeconds\":5}";

        FastAgiClient.run(
                agi.port(), "route?queue=sales&caller=0034600112233", "1700000000.47", Map.of());
        FastAgiClient.run(agi.port(), "route?queue=sales&caller=", "1700000000.48", Map.of());

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0))
                .contains("\"callerNumber\":\"0034600112233\"")
                .doesNotContain("5551234");
        assertThat(requests.get(1)).contains("\"callerNumber\":null");
    }

    @Test
    void aCustomerTheAnswerNamesIsPassedOnForTheContactsEvents() throws Exception {
        answer =
                "{\"action\":\"CONNECT\",\"tenant\":\"acme\",\"contactId\":\"1700000000.49\","
                        + "\"queue\":\"sales\",\"target\":\"PJSIP/1001\",\"agentId\":\"a1\","
                        + "\"offerId\":\"o1\",\"step\":1,\"customerId\":\"k42\"}";

        FastAgiClient.Call call =
                FastAgiClient.run(agi.port(), "route?queue=sales", "1700000000.49", Map.of());

        assertThat(call.variables()).containsEntry("RINGSTREAM_ACTION", "CONNECT");
        assertThat(identified).containsExactly("acme/1700000000.49/k42");
    }

    @Test
    void aTransferNamesTheOfferTheCallerLeaves() throws Exception {
        answer =
                "{\"action\":\"WAIT\",\"queue\":\"retention\",\"position\":1,"
                        + "\"estimatedWaitSeconds\":10,\"retryAfterSeconds\":5}";

        FastAgiClient.run(
                agi.port(), "route?queue=retention&transferFrom=o1", "1700000000.42", Map.of());
        FastAgiClient.run(
                agi.port(), "route?queue=retention&transferFrom=", "1700000000.42", Map.of());

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).contains("\"queue\":\"retention\"", "\"transferFrom\":\"o1\"");
        assertThat(requests.get(1)).doesNotContain("\"transferFrom\":\"");
    }

    @Test
    void aWaitAnswerTellsThePositionAndWhenToAskAgain() throws Exception {
        answer =
                "{\"action\":\"WAIT\",\"queue\":\"sales\",\"position\":3,"
                        + "\"estimatedWaitSeconds\":45,\"retryAfterSeconds\":5}";

        FastAgiClient.Call call =
                FastAgiClient.run(
                        agi.port(),
                        "route?queue=sales",
                        "1700000000.43",
                        Map.of("RINGSTREAM_TARGET", "PJSIP/stale"));

        assertThat(call.variables())
                .containsEntry("RINGSTREAM_ACTION", "WAIT")
                .containsEntry("RINGSTREAM_POSITION", "3")
                .containsEntry("RINGSTREAM_WAIT_SECONDS", "45")
                .containsEntry("RINGSTREAM_RETRY_SECONDS", "5")
                .containsEntry("RINGSTREAM_TARGET", "");
    }

    @Test
    void whenRoutingCannotAnswerTheDialplanGetsAnErrorItCanFallBackOn() throws Exception {
        status = 503;
        answer =
                "{\"type\":\"https://ringstream.io/problems/routing-unavailable\","
                        + "\"status\":503,\"detail\":\"routing is not configured\"}";

        FastAgiClient.Call down =
                FastAgiClient.run(agi.port(), "route?queue=sales", "1700000000.44", Map.of());
        FastAgiClient.Call noQueue =
                FastAgiClient.run(agi.port(), "route?language=es", "1700000000.45", Map.of());

        assertThat(down.variables())
                .containsEntry("RINGSTREAM_ACTION", "ERROR")
                .containsEntry(
                        "RINGSTREAM_ERROR",
                        "routing-service answered 503: routing is not configured");
        assertThat(noQueue.variables())
                .containsEntry("RINGSTREAM_ACTION", "ERROR")
                .containsEntry("RINGSTREAM_ERROR", "the AGI URL needs ?queue=<name>");
        assertThat(requests).hasSize(1);
    }

    @Test
    void routeResultAcceptsAnAnsweredOfferAndRejectsAnUnansweredOne() throws Exception {
        answer = "{\"commandId\":\"x\",\"type\":\"OFFER_ACCEPTED\",\"tenant\":\"default\"}";
        Map<String, String> afterRoute =
                Map.of(
                        "RINGSTREAM_AGENT", "a1",
                        "RINGSTREAM_OFFER", "o1",
                        "RINGSTREAM_TENANT", "acme");

        FastAgiClient.run(agi.port(), "route-result?status=ANSWER", "1700000000.46", afterRoute);
        FastAgiClient.run(agi.port(), "route-result?status=NOANSWER", "1700000000.46", afterRoute);

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0))
                .startsWith("/v1/agents/a1/offers/o1/accept ")
                .contains("\"tenant\":\"acme\"");
        assertThat(requests.get(1))
                .startsWith("/v1/agents/a1/offers/o1/reject ")
                .contains("\"reason\":\"dial NOANSWER\"");
    }

    /** True once the server holds the port (probing by connecting would start an AGI session). */
    private static boolean accepts(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress("127.0.0.1", port));
            return false;
        } catch (IOException inUse) {
            return true;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
