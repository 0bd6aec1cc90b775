package io.ringstream.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Reads a server-sent event stream over a real HTTP connection, as an agent desktop or a wallboard
 * does, and collects its events, so tests can await what a browser would receive. One client for
 * routing-service's own tests and the end-to-end tests.
 *
 * <p>Events are collected on a background thread; await them with Awaitility, e.g. {@code
 * await().until(() -> stream.events().size() == 2)}. Comments ({@code :...}) and empty blocks are
 * skipped; an event without an {@code event:} line has a null name; several {@code data:} lines
 * join with a newline.
 */
public final class SseClient implements AutoCloseable {
    /**
     * One received event.
     *
     * @param name its {@code event:} field; null when it had none
     */
    public record Received(String name, String data) {}

    private final List<Received> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    /** Opens the stream at {@code url}; close the client to end it. */
    public SseClient(HttpClient http, String url) {
        this(http, url, null);
    }

    /** Opens the stream at {@code url} with a bearer token (none when null). */
    public SseClient(HttpClient http, String url, String bearerToken) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        HttpRequest request = builder.build();
        response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(this::read);
    }

    private void read(HttpResponse<Stream<String>> r) {
        lines = r.body();
        List<String> block = new ArrayList<>();
        try {
            lines.forEach(
                    line -> {
                        if (line.isEmpty()) {
                            dispatch(block);
                        } else {
                            block.add(line);
                        }
                    });
        } catch (RuntimeException closed) {
            // close() ended the stream: nothing more to read.
        }
    }

    private void dispatch(List<String> block) {
        String name = null;
        List<String> data = new ArrayList<>();
        for (String line : block) {
            if (line.startsWith("event:")) {
                name = value(line, 6);
            } else if (line.startsWith("data:")) {
                data.add(value(line, 5));
            }
        }
        if (name != null || !data.isEmpty()) {
            events.add(new Received(name, String.join("\n", data)));
        }
        block.clear();
    }

    private static String value(String line, int from) {
        return line.substring(from).trim();
    }

    /** The HTTP status of the stream; waits for the response headers. */
    public int status() {
        return response.join().statusCode();
    }

    /** The events received so far, in order. */
    public List<Received> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        Stream<String> l = lines;
        if (l != null) {
            l.close();
        }
        response.cancel(true);
    }
}
