package io.ringstream.launcher.demochat;

import java.util.Optional;

/**
 * Reassembles server-sent events from a stream's lines ({@code event:}, {@code data:}, a blank line
 * ends an event; comments and ids are skipped), for the simulated chat agents reading
 * routing-service's assignment stream with the JDK's HttpClient. One instance per stream; not
 * thread-safe (one reader thread feeds it).
 */
final class SseEvents {
    /** A complete event: its name ({@code message} when the stream gave none) and its data. */
    record Event(String name, String data) {}

    private String name;
    private StringBuilder data;

    /** Feeds one line; returns the event it completes, if any. */
    Optional<Event> line(String line) {
        if (line.isEmpty()) {
            Optional<Event> done =
                    data == null
                            ? Optional.empty()
                            : Optional.of(
                                    new Event(name == null ? "message" : name, data.toString()));
            name = null;
            data = null;
            return done;
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> name = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // id, retry: not needed by the simulated agents
            }
        }
        return Optional.empty();
    }
}
