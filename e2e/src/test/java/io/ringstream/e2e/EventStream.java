package io.ringstream.e2e;

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
 * A server-sent event stream read over a real connection, as an agent desktop reads its
 * assignments; collects each event's name and data.
 */
final class EventStream implements AutoCloseable {
    record Received(String name, String data) {}

    private final List<Received> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    EventStream(HttpClient http, String url) {
        response =
                http.sendAsync(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(
                r -> {
                    lines = r.body();
                    List<String> block = new ArrayList<>();
                    try {
                        lines.forEach(
                                line -> {
                                    if (!line.isEmpty()) {
                                        block.add(line);
                                        return;
                                    }
                                    String name = null;
                                    StringBuilder data = new StringBuilder();
                                    for (String l : block) {
                                        if (l.startsWith("event:")) {
                                            name = l.substring(6).trim();
                                        } else if (l.startsWith("data:")) {
                                            data.append(l.substring(5).trim());
                                        }
                                    }
                                    if (name != null) {
                                        events.add(new Received(name, data.toString()));
                                    }
                                    block.clear();
                                });
                    } catch (RuntimeException closed) {
                        // close() ended the stream.
                    }
                });
    }

    List<Received> events() {
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
