package io.ringstream.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.Channel;
import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.routing.contract.RouteAnswer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The benchmark's stand-in routing-service: answers every {@code POST /v1/route} with WAIT and then
 * publishes the ACCEPTED assignment that brings the conversation's agent in, as the routing job
 * would once the agent accepted. The agent is named by the visitor's e-mail ({@code
 * v7@bench-agent-2.bench} → {@code bench-agent-2}), so the load generator decides who serves whom
 * and this process keeps no state. Ends and abandons are answered 202.
 */
final class BenchRouting implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final EventPublisher publisher;

    BenchRouting(EventPublisher publisher) throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK: ~40 ms per call, which would cap the ramp at ~100 routes/s.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.publisher = publisher;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        byte[] answer;
        int status;
        if (exchange.getRequestURI().getPath().equals("/v1/route")) {
            JsonNode request = JSON.readTree(body);
            String tenant = request.path("tenant").asText();
            String contactId = request.path("contactId").asText();
            String queue = request.path("queue").asText();
            answer =
                    JSON.writeValueAsBytes(
                            RouteAnswer.waiting(tenant, contactId, queue, 1, null, 5, null));
            status = 200;
            String email = request.path("identity").path("value").asText("");
            int at = email.indexOf('@');
            int dot = email.lastIndexOf('.');
            if (at > 0 && dot > at) {
                publisher.publish(
                        Topics.ROUTING_ASSIGNMENTS,
                        accepted(tenant, contactId, queue, email.substring(at + 1, dot)));
            }
        } else {
            answer = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);
            status = 202;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private static Assignment accepted(
            String tenant, String contactId, String queue, String agentId) {
        String offer = "offer-" + contactId;
        return new Assignment(
                1,
                Assignment.idOf(tenant, offer, AssignmentType.ACCEPTED),
                AssignmentType.ACCEPTED,
                tenant,
                System.currentTimeMillis(),
                "routing-job",
                offer,
                contactId,
                agentId,
                null,
                queue,
                Channel.CHAT,
                1,
                null,
                null,
                null,
                null,
                Map.of());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
