package io.ringstream.events;

import java.util.ArrayList;
import java.util.List;

/** Collects the envelope checks every event shares, so each event only adds its own rules. */
final class Violations {
    static final int CURRENT_SCHEMA_VERSION = RingstreamEvent.CURRENT_SCHEMA_VERSION;
    // 2100-01-01: anything later is a unit mistake (micros or nanos), not a real event time.
    private static final long MAX_EVENT_TIME = 4_102_444_800_000L;

    private final List<String> found = new ArrayList<>();

    static Violations ofEnvelope(RingstreamEvent e, Object type) {
        Violations v = new Violations();
        if (e.schemaVersion() != CURRENT_SCHEMA_VERSION) {
            v.add("unsupported schemaVersion " + e.schemaVersion());
        }
        v.require(e.eventId(), "eventId");
        v.require(type, "type");
        v.require(e.tenant(), "tenant").name(e.tenant(), "tenant");
        v.require(e.source(), "source");
        if (e.eventTime() <= 0 || e.eventTime() > MAX_EVENT_TIME) {
            v.add("eventTime " + e.eventTime() + " is not epoch milliseconds");
        }
        return v;
    }

    Violations require(Object value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            add(field + " is required");
        }
        return this;
    }

    /** A name's shape ({@link Names}); null passes, {@link #require} decides presence. */
    Violations name(String value, String field) {
        Names.problem(value, field).ifPresent(this::add);
        return this;
    }

    Violations check(boolean ok, String message) {
        if (!ok) {
            add(message);
        }
        return this;
    }

    void add(String message) {
        found.add(message);
    }

    List<String> list() {
        return List.copyOf(found);
    }
}
