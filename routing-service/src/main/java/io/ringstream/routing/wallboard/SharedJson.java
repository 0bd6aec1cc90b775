package io.ringstream.routing.wallboard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Writes each wallboard event's payload to JSON once for all open streams, not once per stream: the
 * hub hands the SAME figures (or alert) object to every subscriber of a tenant, so the last object
 * written under each event name is remembered by identity and its JSON reused. With 200 open
 * wallboards that is one serialisation of a status instead of 200 (the fan-out benchmark's finding,
 * docs/benchmarks.md "Wallboard fan-out").
 *
 * <p>State lifetime: one slot per event name, replaced by the next different object. Thread-safe
 * without locks: slots are immutable pairs; two threads racing on a new object both write it (same
 * JSON), and an object that is not the slot's is simply written again.
 */
final class SharedJson {
    private record Written(Object value, String json) {}

    private final Function<Object, String> writer;
    private final Map<String, Written> last = new ConcurrentHashMap<>();

    SharedJson(Function<Object, String> writer) {
        this.writer = writer;
    }

    /** The JSON of {@code value}, written once while it is the latest {@code name} payload. */
    String write(String name, Object value) {
        Written w = last.get(name);
        if (w != null && w.value == value) {
            return w.json;
        }
        String json = writer.apply(value);
        last.put(name, new Written(value, json));
        return json;
    }
}
