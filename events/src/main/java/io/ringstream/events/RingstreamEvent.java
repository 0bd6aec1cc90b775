package io.ringstream.events;

import java.util.List;

/** The envelope every Ringstream event shares, so producers, jobs and sinks treat them alike. */
public interface RingstreamEvent {

    /** The schema version producers write; see docs/events.md for what changes bump it. */
    int CURRENT_SCHEMA_VERSION = 1;

    /** Schema version of the payload; consumers reject versions they do not know. */
    int schemaVersion();

    /**
     * Id derived from the source's own identity of the occurrence, so a replay yields the same id.
     */
    String eventId();

    String tenant();

    /** When it happened at the source, in epoch milliseconds. */
    long eventTime();

    /** Who produced it, e.g. {@code ami:pbx1}, {@code webchat}, {@code simulator}. */
    String source();

    /** The Kafka key: all events that must stay in order share it. */
    String key();

    /** Human-readable reasons why this event is invalid; empty when it is valid. */
    List<String> violations();
}
