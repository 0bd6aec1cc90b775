package io.ringstream.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ringstream.routing.contract.RouteAnswer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A stand-in routing-service for the gateway's integration tests: answers {@code POST /v1/route}
 * with WAIT (and the customer id set in {@link #customerId}) and {@code 202} to a contact's end or
 * abandon, recording every call with its bearer token.
 */
final class FakeRoutingService implements AutoCloseable {
    record Call(String method, String path, String query, String authorization, String body) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    volatile String customerId;

    FakeRoutingService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Call> callsTo(String pathPart) {
        return calls.stream().filter(c -> c.path().contains(pathPart)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Call call =
                new Call(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getQuery(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        body);
        calls.add(call);
        byte[] answer;
        int status;
        if (call.path().equals("/v1/route")) {
            var request = JSON.readTree(body);
            answer =
                    JSON.writeValueAsBytes(
                            RouteAnswer.waiting(
                                    request.path("tenant").asText(),
                                    request.path("contactId").asText(),
                                    request.path("queue").asText(),
                                    1,
                                    null,
                                    5,
                                    customerId));
            status = 200;
        } else {
            answer = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);
            status = 202;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
