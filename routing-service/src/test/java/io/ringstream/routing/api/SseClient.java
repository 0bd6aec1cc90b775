package io.ringstream.routing.api;

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
 * Reads a server-sent event stream over a real HTTP connection and collects its events (name and
 * data), so tests can await what a browser would receive.
 */
public final class SseClient implements AutoCloseable {
    /** One received event. */
    public record Received(String name, String data) {}

    private final List<Received> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    public SseClient(HttpClient http, String url) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/event-stream")
                        .build();
        response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(
                r -> {
                    lines = r.body();
                    List<String> current = new ArrayList<>();
                    try {
                        lines.forEach(
                                line -> {
                                    if (line.isEmpty()) {
                                        flush(current);
                                    } else {
                                        current.add(line);
                                    }
                                });
                    } catch (RuntimeException closed) {
                        // The stream was closed by close(): nothing more to read.
                    }
                });
    }

    private void flush(List<String> current) {
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : current) {
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }
        if (name != null || data.length() > 0) {
            events.add(new Received(name, data.toString()));
        }
        current.clear();
    }

    public int status() {
        return response.join().statusCode();
    }

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
