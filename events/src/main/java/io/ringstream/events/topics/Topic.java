package io.ringstream.events.topics;

import io.ringstream.events.serde.EventSerde;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Kafka topic as Ringstream uses it: name, sizing, how records are keyed and encoded, and which
 * of its readers reports a malformed record.
 *
 * @param key extracts the record key; events that must stay in order share a key
 * @param rejectsReportedBy the one component (a {@link Components} name) that turns a malformed
 *     record of this topic into a dead letter; every other reader skips it and counts it, so a bad
 *     record yields exactly one dead letter however many jobs read the topic. Null for a topic no
 *     Ringstream component reads.
 */
public record Topic<T>(
        String name,
        int partitions,
        Duration retention,
        EventSerde<T> serde,
        SerializableKey<T> key,
        String rejectsReportedBy)
        implements Serializable {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(serde, "serde");
        Objects.requireNonNull(key, "key");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1");
        }
    }

    public String keyOf(T value) {
        return key.apply(value);
    }

    /** Whether {@code component} is the reader that dead-letters this topic's malformed records. */
    public boolean reportsRejectsOf(String component) {
        return component.equals(rejectsReportedBy);
    }

    /** The same topic under another name (a test's private copy, say). */
    public Topic<T> renamed(String newName) {
        return new Topic<>(newName, partitions, retention, serde, key, rejectsReportedBy);
    }

    /** A key extractor that Flink can serialize into a job graph. */
    @FunctionalInterface
    public interface SerializableKey<T> extends Function<T, String>, Serializable {}
}
